"""Whole pages kept per person between requests (issue 16): healthmatch/page_cache/views.py."""
