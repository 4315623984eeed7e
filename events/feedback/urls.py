"""Included by events.urls under ``<int:pk>/``: the names stay in the ``events`` namespace."""

from django.urls import path

from events.feedback import views

urlpatterns = [
    path("feedback/", views.feedback, name="feedback"),
]
