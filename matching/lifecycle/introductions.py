"""The introduction email: drafted by HealthMatch from both profiles and the match reasons,
edited by a coordinator, sent once through the outbox. After it the two sides see each other's
contact details (``contacts()``)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

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
    """Save the coordinator's text and send it to both sides through the outbox; the match
    becomes introduced and its follow-up is due ``MATCH_FOLLOW_UP_DAYS`` later."""
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
        emails.introduction(locked, intro, contacts(locked))
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
