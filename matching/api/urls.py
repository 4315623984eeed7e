"""This app's REST API routes, included under /api/v1/ by healthmatch.urls (namespace ``api``):
``match-list``, ``match-detail``, ``match-interest``, ... and ``bid-list``, ``bid-detail``,
``bid-submit``, ... (docs/api.md, "Matches" and "Bids")."""

from rest_framework.routers import SimpleRouter

from matching.api.views import BidViewSet, MatchViewSet

router = SimpleRouter()
router.register("matches", MatchViewSet, basename="match")
router.register("bids", BidViewSet, basename="bid")

urlpatterns = router.urls
