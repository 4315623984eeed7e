"""This app's REST API routes, included under /api/v1/ by healthmatch.urls (namespace ``api``):
capability-list, capability-detail, capability-publish, capability-archive, capability-restore."""

from rest_framework.routers import SimpleRouter

from companies.api.views import CapabilityViewSet

router = SimpleRouter()
router.register("capabilities", CapabilityViewSet, basename="capability")

urlpatterns = router.urls
