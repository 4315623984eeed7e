from django.urls import path

from matching.bids import views

app_name = "bids"

urlpatterns = [
    path("", views.my_bids, name="mine"),
    path("need/<int:need_pk>/", views.need_bids, name="need_bids"),
    path("need/<int:need_pk>/new/", views.bid_create, name="create"),
    path("<int:pk>/", views.bid_detail, name="detail"),
    path("<int:pk>/edit/", views.bid_edit, name="edit"),
    path("<int:pk>/submit/", views.bid_submit, name="submit"),
    path("<int:pk>/withdraw/", views.bid_withdraw, name="withdraw"),
    path("<int:pk>/decide/", views.bid_decide, name="decide"),
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
]
