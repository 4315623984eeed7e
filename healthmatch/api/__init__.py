"""The REST API's kit: tokens, authentication, permissions, throttling, errors, pagination and the
OpenAPI schema. Each app keeps its own endpoints in ``<app>/api/``; healthmatch.urls mounts them
under /api/v1/ (docs/api.md)."""
