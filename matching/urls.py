from django.urls import include, path

from matching import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("matches/<int:pk>/dismiss/", views.dismiss_match, name="match_dismiss"),
    path("notifications/", include("matching.notify.urls")),
    path("matches/", include("matching.lifecycle.urls")),
    path("bids/", include("matching.bids.urls")),
]
