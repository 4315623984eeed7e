from django.urls import path

from needs import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_create, name="create"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/edit/", views.need_edit, name="edit"),
    path("<int:pk>/submit/", views.need_submit, name="submit"),
    path("<int:pk>/close/", views.need_close, name="close"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "<int:pk>/attachments/<int:att_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:att_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("<int:pk>/invitations/", views.need_invitations, name="invitations"),
]
