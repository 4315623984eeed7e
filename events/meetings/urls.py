"""Included by events.urls under ``<int:pk>/``: the names stay in the ``events`` namespace."""

from django.urls import path

from events.meetings import ics_views, views

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", ics_views.agenda_ics, name="agenda_ics"),
    path("meetings/<int:meeting_pk>.ics", ics_views.meeting_ics, name="meeting_ics"),
    path("agenda/<int:meeting_pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("requests/<int:request_pk>/pick/", views.request_pick, name="request_pick"),
    path(
        "participants/<int:registration_pk>/request/pick/",
        views.request_new_pick,
        name="request_new_pick",
    ),
]
