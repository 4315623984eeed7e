"""The introduction email: drafted by HealthMatch from both profiles and the match reasons,
edited by a coordinator, sent once through the outbox to exactly the ``recipients()`` of each
side (recorded on the introduction). After it the two sides see each other's contact details
(``contacts()``)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from healthmatch.mail.services import is_suppressed
from healthmatch.mail.text import email_subject, render_plain
from matching.explanations import explain
from matching.lifecycle import emails
from matching.lifecycle.models import Introduction
from matching.lifecycle.transitions import (
    change_status,
    lock_match,
    require_coordinator,
    sync_match,
)
from matching.models import Match

Status = Match.Status


def contacts(match: Match) -> dict:
    """Who to talk to on each side: the need's author (else the organisation's admins) and the
    company's contact people (else its admins), with the organisations' websites."""
    need, company = match.need, match.capability.company
    buyer_people = []
    author = need.created_by
    if author is not None and author.is_active:
        buyer_people.append({"name": author.get_full_name() or author.email, "email": author.email})
    else:
        buyer_people = [
            {"name": u.get_full_name() or u.email, "email": u.email}
            for u in emails.buyer_side(match)
        ]
    company_people = [
        {"name": c.name, "role": c.role, "email": c.email, "phone": c.phone}
        for c in company.contacts.all()
    ] or [
        {"name": u.get_full_name() or u.email, "email": u.email} for u in emails.company_side(match)
    ]
    return {
        "buyer": {
            "organisation": need.organisation.name,
            "website": need.organisation.website,
            "people": buyer_people,
        },
        "company": {
            "organisation": company.organisation.name,
            "website": company.organisation.website,
            "people": company_people,
        },
    }


MEMBER, CONTACT = "member", "contact"


def recipients(match: Match) -> dict:
    """Who the introduction reaches on each side, {"buyer": [...], "company": [...]}, each
    ``{"email", "name", "user", "via"}``: the side's active members with an address; a company
    with no member accounts (many never signed up) is reached at its profile's contact people
    ("via": "contact"). Suppressed addresses are left out (the outbox would never send to
    them), so a side may come out empty: ``send_introduction`` then refuses."""
    company = match.capability.company
    sides = {
        "buyer": _members(emails.buyer_side(match)),
        "company": _members(emails.company_side(match)),
    }
    if not sides["company"]:
        sides["company"] = _unique(
            {"email": c.email, "name": c.name, "user": None, "via": CONTACT}
            for c in company.contacts.all()
        )
    return sides


def _members(users):
    return _unique(
        {"email": u.email, "name": u.get_full_name() or u.email, "user": u, "via": MEMBER}
        for u in users
        if u.is_active and u.email
    )


def _unique(people):
    seen, kept = set(), []
    for person in people:
        address = person["email"].strip().lower()
        if address and address not in seen and not is_suppressed(address):
            seen.add(address)
            kept.append(person)
    return kept


def unreachable_message(match: Match, side: str) -> str:
    """Why ``side`` of the match cannot be introduced, and what the coordinator can do."""
    if side == "buyer":
        return _(
            "Nobody at %(org)s can receive the introduction: it has no active member with an "
            "email address that is not on the suppression list."
        ) % {"org": match.need.organisation.name}
    return _(
        "Nobody at %(org)s can receive the introduction: it has no member accounts and no "
        "contact person with a usable email address. Add a contact person to its company "
        "profile, or invite its contact to claim the profile."
    ) % {"org": match.capability.company.organisation.name}


def recipients_text(people) -> str:
    """ "a@x, b@y" (and "(contact person)" after an address that is no member account)."""
    contact = _("%(email)s (contact person)")
    return ", ".join(
        contact % {"email": p["email"]} if p["via"] == CONTACT else p["email"] for p in people
    )


def sent_summary(match: Match, intro: Introduction) -> str:
    """The coordinator's confirmation, from the recipients recorded at sending: exactly the
    addresses the outbox rows were written to, side by side."""
    return _(
        "The introduction is in the outbox for %(buyer_org)s: %(buyer)s and for "
        "%(company_org)s: %(company)s. The outbox sends it in a moment."
    ) % {
        "buyer_org": match.need.organisation.name,
        "buyer": recipients_text(intro.recipients_of("buyer")),
        "company_org": match.capability.company.organisation.name,
        "company": recipients_text(intro.recipients_of("company")),
    }


def contacts_visible(match: Match) -> bool:
    """Contact details are shared once the introduction has gone out."""
    return match.introduced_at is not None


def draft_texts(match: Match) -> dict:
    """Subject and both bodies, in the site's language, from the profiles and match reasons."""
    context = {
        "match": match,
        "need": match.need,
        "capability": match.capability,
        "company": match.capability.company,
        "explanation": explain(match),
        "site_url": settings.SITE_URL,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Introduction: %(need)s ↔ %(company)s") % {
            "need": match.need.title,
            "company": match.capability.company.organisation.name,
        }
        body_buyer = render_plain("lifecycle/draft_buyer.txt", context).strip()
        body_company = render_plain("lifecycle/draft_company.txt", context).strip()
    return {
        "subject": email_subject(subject),
        "body_buyer": body_buyer,
        "body_company": body_company,
    }


def draft_introduction(match: Match) -> Introduction:
    """The match's introduction, drafted now if it has none yet (a sent one is never redrafted)."""
    intro = Introduction.objects.filter(match=match).first()
    if intro is not None:
        return intro
    return Introduction.objects.create(match=match, **draft_texts(match))


def send_introduction(
    match: Match, *, by, subject: str, body_buyer: str, body_company: str
) -> Introduction:
    """Save the coordinator's text and send it through the outbox to the ``recipients()`` of
    both sides, recorded on the introduction (``Introduction.recipients``, one entry per outbox
    row written); the match becomes introduced and its follow-up is due
    ``MATCH_FOLLOW_UP_DAYS`` later. A side nobody can be reached on raises ValidationError and
    nothing is written or sent."""
    require_coordinator(by, match)
    texts = {"subject": subject.strip(), "body_buyer": body_buyer, "body_company": body_company}
    if not all(value.strip() for value in texts.values()):
        raise ValidationError(_("The subject and both texts are required."), code="required")
    with transaction.atomic():
        locked = lock_match(match)
        if locked.status != Status.APPROVED:
            raise ValidationError(
                _("Only an approved match can be introduced (this one is “%(status)s”).")
                % {"status": Status(locked.status).label},
                code="not_approved",
            )
        intro = Introduction.objects.select_for_update().filter(match=locked).first()
        if intro is None:
            intro = Introduction(match=locked)
        if intro.sent_at is not None:
            raise ValidationError(_("This introduction has already been sent."), code="sent")
        reach = recipients(locked)
        empty = [side for side in ("buyer", "company") if not reach[side]]
        if empty:
            raise ValidationError(
                [unreachable_message(locked, side) for side in empty], code="unreachable"
            )
        now = timezone.now()
        for name, value in texts.items():
            setattr(intro, name, value)
        intro.sent_at, intro.sent_by = now, by
        intro.save()
        locked.introduced_at = now
        locked.follow_up_due_at = now + timedelta(days=settings.MATCH_FOLLOW_UP_DAYS)
        change_status(
            locked, Status.INTRODUCED, by=by, fields=["introduced_at", "follow_up_due_at"]
        )
        rows = emails.introduction(locked, intro, contacts(locked), reach)
        people = [{**p, "side": side} for side in ("buyer", "company") for p in reach[side]]
        intro.recipients = [
            {
                "side": person["side"],
                "email": row.to_email,
                "name": person["name"],
                "via": person["via"],
                "outbox": row.pk,
            }
            for person, row in zip(people, rows, strict=True)
        ]
        intro.save(update_fields=["recipients"])
    sync_match(match, locked)
    return intro


def save_draft(match: Match, *, by, subject: str, body_buyer: str, body_company: str):
    """Keep the coordinator's edits without sending (an unsent introduction only)."""
    require_coordinator(by, match)
    with transaction.atomic():
        intro = Introduction.objects.select_for_update().filter(match=match).first()
        if intro is not None and intro.sent_at is not None:
            raise ValidationError(_("This introduction has already been sent."), code="sent")
        intro = intro or Introduction(match=match)
        intro.subject, intro.body_buyer, intro.body_company = subject, body_buyer, body_company
        intro.save()
    return intro
