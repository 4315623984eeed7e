from django.urls import include, path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/register/", views.event_register, name="register"),
    path("<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("<int:pk>/registration/", views.registration_edit, name="registration"),
    path("<int:pk>/", include("events.requests.urls")),
    path("<int:pk>/", include("events.meetings.urls")),
    path("<int:pk>/", include("events.feedback.urls")),
    path("<int:pk>/", include("events.organiser.urls")),
]
