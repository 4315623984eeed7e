from django.urls import path

from healthmatch.accounts import views

urlpatterns = [
    path("account/profile/", views.profile, name="profile"),
    path("welcome/", views.onboarding, name="onboarding"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/join/", views.organisation_join, name="organisation_join"),
    path(
        "organisations/<slug:slug>/members/",
        views.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/decide/",
        views.membership_decide,
        name="membership_decide",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("health/", views.health, name="health"),
]
