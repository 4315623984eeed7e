"""Mounted by healthmatch.urls at /organisations/<slug>/webhooks/ (namespace ``webhooks``)."""

from django.urls import path

from healthmatch.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.endpoint_list, name="list"),
    path("new/", views.endpoint_create, name="create"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint"),
    path("<int:pk>/edit/", views.endpoint_edit, name="edit"),
    path("<int:pk>/rotate/", views.endpoint_rotate, name="rotate"),
    path("<int:pk>/active/", views.endpoint_toggle, name="toggle"),
    path("<int:pk>/ping/", views.endpoint_ping, name="ping"),
    path("<int:pk>/delete/", views.endpoint_delete, name="delete"),
    path("<int:pk>/deliveries/<int:delivery_pk>/", views.delivery_detail, name="delivery"),
    path(
        "<int:pk>/deliveries/<int:delivery_pk>/redeliver/",
        views.delivery_redeliver,
        name="redeliver",
    ),
]
