"""This app's REST API routes, included under /api/v1/ by healthmatch.urls (namespace ``api``):
need-list, need-detail, need-submit, need-close, need-attachments."""

from rest_framework.routers import SimpleRouter

from needs.api.views import NeedViewSet

router = SimpleRouter()
router.register("needs", NeedViewSet, basename="need")

urlpatterns = router.urls
