"""This app's REST API routes, included under /api/v1/ by healthmatch.urls (namespace ``api``).
Integer ids only, so a malformed id is a 404 (docs/api.md, "Events")."""

from django.urls import path

from events.api import agenda_views, request_views, views

urlpatterns = [
    path("events/", views.EventList.as_view(), name="event-list"),
    path("events/<int:pk>/", views.EventDetail.as_view(), name="event-detail"),
    path("events/<int:pk>/register/", views.EventRegister.as_view(), name="event-register"),
    path(
        "events/<int:pk>/registration/",
        views.MyRegistration.as_view(),
        name="event-registration",
    ),
    path(
        "events/<int:pk>/participants/",
        request_views.Participants.as_view(),
        name="event-participants",
    ),
    path(
        "events/<int:pk>/participants/<int:registration_pk>/slots/",
        request_views.ParticipantSlots.as_view(),
        name="event-participant-slots",
    ),
    path(
        "events/<int:pk>/requests/",
        request_views.MeetingRequestList.as_view(),
        name="meeting-request-list",
    ),
    path(
        "events/<int:pk>/requests/<int:request_pk>/",
        request_views.MeetingRequestDetail.as_view(),
        name="meeting-request-detail",
    ),
    path(
        "events/<int:pk>/requests/<int:request_pk>/accept/",
        request_views.MeetingRequestAccept.as_view(),
        name="meeting-request-accept",
    ),
    path(
        "events/<int:pk>/requests/<int:request_pk>/decline/",
        request_views.MeetingRequestDecline.as_view(),
        name="meeting-request-decline",
    ),
    path(
        "events/<int:pk>/requests/<int:request_pk>/cancel/",
        request_views.MeetingRequestCancel.as_view(),
        name="meeting-request-cancel",
    ),
    path(
        "events/<int:pk>/requests/<int:request_pk>/slots/",
        request_views.MeetingRequestSlots.as_view(),
        name="meeting-request-slots",
    ),
    path("events/<int:pk>/agenda/", agenda_views.Agenda.as_view(), name="event-agenda"),
]
