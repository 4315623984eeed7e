"""Included by events.urls under ``<int:pk>/``: the names stay in the ``events`` namespace."""

from django.urls import path

from events.organiser import views

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("table-plan/", views.table_plan_view, name="table_plan"),
]
