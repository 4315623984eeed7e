from django.urls import path

from matching.lifecycle import views

app_name = "lifecycle"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/interest/", views.interest, name="interest"),
    path("<int:pk>/report/", views.report, name="report"),
    path("follow-up/<str:token>/", views.follow_up, name="follow_up"),
]
