from django.urls import path

from needs import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
]
