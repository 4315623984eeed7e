"""The API's own pages, mounted at the root by healthmatch.urls: the API tokens page, the
OpenAPI schema and its documentation pages (served from the app: no CDN)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from healthmatch.api import views
from healthmatch.api.docs import SwaggerDocsView

urlpatterns = [
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("account/api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SwaggerDocsView.as_view(url_name="api_schema"), name="api_docs"),
]
