"""This app's REST API routes, included under /api/v1/ by healthmatch.urls (namespace ``api``)."""

urlpatterns = []
