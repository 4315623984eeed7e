"""Included by events.urls under ``<int:pk>/``: the names stay in the ``events`` namespace."""

from django.urls import path

from events.requests import views

urlpatterns = [
    path("participants/", views.participants, name="participants"),
    path(
        "participants/<int:registration_pk>/request/",
        views.request_new,
        name="request_new",
    ),
    path("requests/", views.my_requests, name="requests"),
    path("requests/<int:request_pk>/accept/", views.request_accept, name="request_accept"),
    path("requests/<int:request_pk>/decline/", views.request_decline, name="request_decline"),
    path("requests/<int:request_pk>/cancel/", views.request_cancel, name="request_cancel"),
]
