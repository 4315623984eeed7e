"""Swagger UI for the schema, from drf-spectacular-sidecar's files (whitenoise serves them): no
CDN. The split view serves its start-up script as a file of its own, so the page needs no inline
script; our template replaces drf-spectacular's inline style with a stylesheet. Both fit the
site's Content-Security-Policy unchanged."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "HealthMatch API"
