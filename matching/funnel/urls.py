"""Mounted at /admin/reports/ by healthmatch/urls.py, before the admin's own URLs."""

from django.contrib import admin
from django.urls import path

from matching.funnel import views

app_name = "funnel"

urlpatterns = [
    path("funnel/", admin.site.admin_view(views.funnel), name="dashboard"),
    path("funnel.csv", admin.site.admin_view(views.funnel_csv), name="csv"),
    path("audit/", admin.site.admin_view(views.audit_trail), name="audit"),
]
