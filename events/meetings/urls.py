"""Included by events.urls under ``<int:pk>/``: the names stay in the ``events`` namespace."""

from django.urls import path

from events.meetings import views

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("meetings/<int:meeting_pk>.ics", views.meeting_ics, name="meeting_ics"),
]
