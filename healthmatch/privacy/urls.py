from django.urls import path

from healthmatch.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.privacy_notice, name="notice"),
    path("account/privacy/", views.my_privacy, name="account"),
    path("account/privacy/delete/", views.delete_account, name="delete_account"),
    path("account/privacy/export/", views.export_request, name="export_request"),
    path(
        "account/privacy/export/<str:token>/download/",
        views.export_download,
        name="export_download",
    ),
]
