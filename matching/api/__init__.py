"""The REST API for matches and bids: serializers, views and routes (docs/api.md)."""
