"""The REST API for organisations and the taxonomy: serializers, views and routes (docs/api.md)."""
