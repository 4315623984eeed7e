from django.urls import path

from companies import views

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
    path(
        "capabilities/<int:pk>/attachments/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "capabilities/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "capabilities/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("<slug:slug>/", views.company_profile, name="profile"),
    path("<slug:slug>/edit/", views.profile_edit, name="profile_edit"),
]
