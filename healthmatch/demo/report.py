"""What seed_demo and demo_banner print: counts, logins, where emails go."""

import datetime as dt
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from companies.models import Capability, CapabilityReference, Certification, CompanyProfile
from events.meetings.models import Meeting
from events.models import Event, Registration
from events.requests.models import MeetingRequest
from healthmatch.accounts.models import Hub, Organisation, User
from healthmatch.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from matching.bids.models import Bid
from needs.models import Need, NeedInvitation, NeedStatusChange


def _breakdown(counter: Counter) -> str:
    return ", ".join(f"{n} {key}" for key, n in sorted(counter.items(), key=lambda kv: -kv[1]))


def summary_lines() -> list[str]:
    """Counts of what is in the database now (demo rows and anything added by hand)."""
    buyers = Organisation.objects.buyers()
    companies = Organisation.objects.companies()
    research = Organisation.objects.filter(kind=Organisation.Kind.RESEARCH)
    needs = Counter(Need.objects.values_list("status", flat=True))
    languages = Counter(Need.objects.values_list("language", flat=True))
    capabilities = Counter(Capability.objects.values_list("status", flat=True))
    bids = Counter(Bid.objects.values_list("state", flat=True))
    requests = Counter(MeetingRequest.objects.values_list("status", flat=True))
    today = timezone.localdate()
    expired = Certification.objects.filter(valid_until__lt=today).count()
    expiring = Certification.objects.filter(
        valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=90)
    ).count()
    return [
        f"Hubs:                 {Hub.objects.count()}",
        f"Buyer organisations:  {buyers.count()} ({buyers.verified().count()} verified) "
        f"in {buyers.values('hub').distinct().count()} hubs",
        f"Companies:            {companies.count()} ({companies.verified().count()} verified, "
        f"{CompanyProfile.objects.filter(is_sme=True).count()} SMEs)",
        f"Research institutes:  {research.count()} ({research.verified().count()} verified)",
        f"Needs:                {sum(needs.values())} ({_breakdown(needs)})",
        f"  languages:          {_breakdown(languages)}",
        f"  confidential:       {Need.objects.filter(is_confidential=True).count()} "
        f"with {NeedInvitation.objects.count()} invitations",
        f"  status changes:     {NeedStatusChange.objects.count()}",
        f"Capabilities:         {sum(capabilities.values())} ({_breakdown(capabilities)})",
        f"  certifications:     {Certification.objects.count()} "
        f"({expired} expired, {expiring} expiring within 90 days)",
        f"  references:         {CapabilityReference.objects.count()}",
        f"Bids:                 {sum(bids.values())} ({_breakdown(bids)})",
        f"  on needs:           {Bid.objects.values('need').distinct().count()}",
        f"Events:               {Event.objects.count()} "
        f"({Event.objects.upcoming().count()} upcoming) with "
        f"{Registration.objects.active().count()} registrations",
        f"  meeting requests:   {sum(requests.values())} ({_breakdown(requests)})",
        f"  meetings:           {Meeting.objects.count()}",
        f"Users:                {User.objects.count()}",
    ]


LANGUAGE_NAMES = {"en": "English", "da": "Danish", "sv": "Swedish", "nb": "Norwegian"}


def login_lines() -> list[str]:
    """Two lines per login: role, email and password; then what the login is for."""
    role_width = max(len(item["role"]) for item in DEMO_LOGINS) + 2
    email_width = max(len(item["email"]) for item in DEMO_LOGINS) + 2
    lines = [f"Demo logins (the same password for all: {DEMO_PASSWORD}):"]
    for item in DEMO_LOGINS:
        lines.append(
            f"  {item['role']:<{role_width}}{item['email']:<{email_width}}password: {DEMO_PASSWORD}"
        )
        language = LANGUAGE_NAMES.get(item.get("language", "en"), item.get("language"))
        lines.append(f"  {'':<{role_width}}{item['detail']}; reads the site in {language}")
    return lines


def missing_logins() -> list[str]:
    """Demo login emails that are not in the database (seed_demo has not run)."""
    emails = [item["email"] for item in DEMO_LOGINS]
    present = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    return [email for email in emails if email not in present]


def email_destination() -> str:
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "filebased":
        path = Path(settings.EMAIL_FILE_PATH)
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
        return f"files in {path}/ (one .log file per message, written by the Celery worker)"
    if backend == "console":
        return "printed on the console of the Celery worker"
    if backend == "smtp":
        return f"sent by SMTP through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if backend == "locmem":
        return "kept in memory (test settings)"
    if backend == "dummy":
        return "discarded (dummy backend)"
    return f"handled by {settings.EMAIL_BACKEND}"


def banner_lines(url: str) -> list[str]:
    base = url if url.endswith("/") else f"{url}/"
    body = [
        f"HealthMatch demo: {base}",
        "",
        *login_lines(),
        "",
        f"Log in at:  {base}accounts/login/",
        f"Events:     {base}events/  (matchmaking days; requests and agendas)",
        f"Admin:      {base}admin/  (coordinator or admin login)",
        f"Emails:     {email_destination()}",
        "Stop:       press Ctrl-C",
    ]
    rule = "=" * 84
    return [rule, *(f"  {line}".rstrip() for line in body), rule]
