"""The REST API for events, registrations, meeting requests and agendas: serializers, views
and routes (docs/api.md)."""
