"""Failure drills (issue 14): `manage.py drills`, `make drills`. See docs/benchmarks.md."""
