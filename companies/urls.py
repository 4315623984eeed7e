from django.urls import path

from companies import views
from healthmatch.attachments.urls import attachment_urls

app_name = "companies"

urlpatterns = [
    path("", views.company_directory, name="directory"),
    path("capabilities/new/", views.capability_create, name="capability_create"),
    path("capabilities/<int:pk>/", views.capability_detail, name="capability_detail"),
    path("capabilities/<int:pk>/edit/", views.capability_edit, name="capability_edit"),
    path("capabilities/<int:pk>/publish/", views.capability_publish, name="capability_publish"),
    path("capabilities/<int:pk>/archive/", views.capability_archive, name="capability_archive"),
    path(
        "capabilities/<int:pk>/restore/",
        views.capability_unarchive,
        name="capability_unarchive",
    ),
    *attachment_urls(views.CapabilityAttachments(), "capabilities/<int:pk>/attachments/"),
    path("<slug:slug>/", views.company_profile, name="profile"),
    path("<slug:slug>/edit/", views.profile_edit, name="profile_edit"),
]
