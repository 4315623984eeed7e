from django.urls import path

from healthmatch.attachments.urls import attachment_urls
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
    *attachment_urls(views.BidAttachments(), "<int:pk>/attachments/"),
]
