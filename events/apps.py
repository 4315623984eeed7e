from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # What the Coordinators group may do in the admin (healthmatch/accounts/roles.py). Events
    # are cancelled, never deleted; registrations change only through the admin's actions.
    coordinator_permissions = {
        "event": ("view", "add", "change"),
        "session": ("view", "add", "change", "delete"),
        "table": ("view", "add", "change", "delete"),
        "registration": ("view", "change"),
        "eventmessage": ("view",),
        "meetingrequest": ("view",),
        "meeting": ("view",),
        "unplaced": ("view",),
        "meetingfeedback": ("view",),
        "meetingfollowup": ("view",),
    }

    def import_models(self):
        """The sub-domains' models (events.requests, events.meetings) build on events.models,
        never the reverse."""
        super().import_models()
        from events.feedback import models as feedback_models  # noqa: F401
        from events.meetings import models as meetings_models  # noqa: F401
        from events.requests import models as requests_models  # noqa: F401

    def import_admin(self):
        """The admin's autodiscovery imports events.admin only."""
        from events.feedback import admin as feedback_admin  # noqa: F401
        from events.meetings import admin as meetings_admin  # noqa: F401
        from events.requests import admin as requests_admin  # noqa: F401

    def ready(self):
        self.import_admin()

        from events.meetings.receivers import release_meetings
        from events.requests.receivers import cancel_requests
        from events.requests.signals import requests_cancelled
        from events.signals import registration_cancelled

        # The table in docs/decisions.md, "Domain events".
        registration_cancelled.connect(cancel_requests, dispatch_uid="events.cancel_requests")
        requests_cancelled.connect(release_meetings, dispatch_uid="events.release_meetings")

        from events import webhooks

        # Webhooks of registrations and meeting requests (events/webhooks.py).
        webhooks.connect()
