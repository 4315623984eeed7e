"""Included by events.urls under ``<int:pk>/``: the names stay in the ``events`` namespace."""

from django.urls import path

from events.meetings import views

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
]
