"""The REST API for capabilities: serializers, views and routes (docs/api.md)."""
