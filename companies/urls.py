from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("", views.company_directory, name="directory"),
]
