"""Included by events.urls under ``<int:pk>/``: the names stay in the ``events`` namespace."""

from django.urls import path

from events.meetings import views

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/<int:meeting_pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("requests/<int:request_pk>/pick/", views.request_pick, name="request_pick"),
    path(
        "participants/<int:registration_pk>/request/pick/",
        views.request_new_pick,
        name="request_new_pick",
    ),
]
