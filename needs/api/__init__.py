"""The REST API for needs: serializers, views and routes (docs/api.md)."""
