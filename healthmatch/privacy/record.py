"""The record of processing (GDPR art. 30) shown on /privacy/: what is processed, why and on
which legal basis, who sees it and where it is stored. docs/privacy.md says the same for the
data protection officer; the periods come from the settings (retention.py)."""

from django.utils.translation import gettext_lazy as _

STORAGE = _(
    "The PostgreSQL database and the uploads folder of the server this HealthMatch site runs on; "
    "Redis on that server holds only queued task ids and short-lived cache entries."
)

ACTIVITIES = [
    {
        "what": _(
            "Your account: name, email address, job title, password (as a salted hash), "
            "language, when you joined and last signed in"
        ),
        "why": _("To let you sign in, show colleagues who wrote what, and email you."),
        "basis": _("The terms of use you accept when you sign up (GDPR art. 6(1)(b))."),
        "who": _(
            "You; the members of your organisations; the hub's coordinators. Companies "
            "and buyers you deal with see your name next to what you wrote."
        ),
    },
    {
        "what": _("Memberships of organisations and their roles"),
        "why": _("To decide what you may see and do for each organisation."),
        "basis": _("The terms of use (art. 6(1)(b))."),
        "who": _("Your organisation's administrators and members; the hub's coordinators."),
    },
    {
        "what": _("Needs, capabilities, bids, their files, and your answers to matches"),
        "why": _(
            "To match hospitals' and municipalities' needs with companies' capabilities "
            "and let them bid and meet."
        ),
        "basis": _(
            "The cluster's legitimate interest in matchmaking that its members joined "
            "for (art. 6(1)(f)); it is organisations' data, signed by a person."
        ),
        "who": _(
            "As each page says: published needs are seen by the hub's verified "
            "organisations, confidential ones only by invited companies; a bid by the "
            "buyer and the bidding company; coordinators see their hub's items."
        ),
    },
    {
        "what": _("Event registrations, meeting requests and messages"),
        "why": _("To run matchmaking days: schedules, tables, reminders."),
        "basis": _("The terms of use (art. 6(1)(b))."),
        "who": _("The event's organisers; the people you meet see your name and organisation."),
    },
    {
        "what": _("Copies of the emails we sent you (the outbox)"),
        "why": _("To send them reliably, retry on failure and answer questions about them."),
        "basis": _("Legitimate interest in reliable delivery (art. 6(1)(f))."),
        "who": _(
            "The hub's coordinators and the site's operators; the SMTP server that delivers them."
        ),
    },
    {
        "what": _(
            "History entries: who changed the status of a need, bid or match, and when; "
            "the coordination admin's log"
        ),
        "why": _("To show an organisation what happened to its items and settle disputes."),
        "basis": _("Legitimate interest in an accountable process (art. 6(1)(f))."),
        "who": _("The organisations concerned and the hub's coordinators."),
    },
    {
        "what": _("API tokens (a name and a fingerprint, never the token) and webhook addresses"),
        "why": _("To let your organisation's systems use HealthMatch on your behalf."),
        "basis": _("The terms of use (art. 6(1)(b))."),
        "who": _("You; a webhook's organisation administrators."),
    },
    {
        "what": _("A session cookie and the sign-in session it points to"),
        "why": _("To keep you signed in. There are no tracking or analytics cookies."),
        "basis": _("Strictly necessary for the service you ask for (art. 6(1)(b))."),
        "who": _("Nobody but the server."),
    },
]
