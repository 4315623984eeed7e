from django.urls import path

from healthmatch.attachments.urls import attachment_urls
from needs import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_create, name="create"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/edit/", views.need_edit, name="edit"),
    path("<int:pk>/submit/", views.need_submit, name="submit"),
    path("<int:pk>/close/", views.need_close, name="close"),
    *attachment_urls(views.NeedAttachments(), "<int:pk>/attachments/", public_download=True),
    path("<int:pk>/invitations/", views.need_invitations, name="invitations"),
]
