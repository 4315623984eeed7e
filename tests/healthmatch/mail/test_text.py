"""Every email's subject and plain text read as typed: no HTML entities from names, one line, cut
at a word boundary with "…" (healthmatch/mail/text.py), while the HTML part still escapes."""

import pytest

from healthmatch.accounts.services import create_organisation, request_membership
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.text import SUBJECT_MAX_LENGTH, email_subject, shorten
from matching.lifecycle.introductions import draft_texts
from needs.services import publish_need
from tests import factories as f

NAME = 'Smith & <b>Sons</b> "Care"'
LONG_TITLE = (
    "Continuous contactless monitoring of vital signs for elderly patients in municipal "
    "rehabilitation wards during night shifts with automatic escalation to the nurse on call"
)


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis():
    assert shorten("Fewer falls on the ward", 100) == "Fewer falls on the ward"
    assert shorten("Fewer  falls\non the\r\nward", 100) == "Fewer falls on the ward"
    assert shorten("Fewer falls on the ward", 14) == "Fewer falls…"
    assert shorten("Fewer falls, on the ward", 14) == "Fewer falls…"  # no dangling comma
    assert shorten("Fewer falls on", 14) == "Fewer falls on"
    assert shorten("Supercalifragilistic", 10) == "Supercali…"  # one word: cut inside


def test_email_subject_is_at_most_the_stated_length():
    subject = email_subject(LONG_TITLE + " " + LONG_TITLE)
    assert len(subject) <= SUBJECT_MAX_LENGTH and subject.endswith("…")
    assert (LONG_TITLE + " " + LONG_TITLE).startswith(subject[:-1])
    assert subject[:-1].split()[-1] in LONG_TITLE.split()  # a whole word before the "…"


@pytest.mark.django_db
def test_names_with_markup_read_as_typed_in_subject_and_text_and_escaped_in_html(
    hub, coordinator, owner, buyer_org
):
    org = create_organisation(owner, name=NAME, kind="hospital", hub=hub)
    row = OutboxMessage.objects.get(kind="organisation_created", to_email=coordinator.email)
    assert row.subject == f"[Action] New organisation to verify: {NAME}"
    assert NAME in row.text and "&lt;" not in row.text and "&amp;" not in row.text
    assert "Smith &amp; &lt;b&gt;Sons&lt;/b&gt;" in row.html and "<b>Sons" not in row.html

    asker = f.UserFactory(email="bo@example.com", name="<b>Bo</b> O'Neil")
    request_membership(asker, org)
    row = OutboxMessage.objects.get(kind="membership_requested")
    assert row.subject == f"[Action] <b>Bo</b> O'Neil asks to join {NAME}"
    assert "&#x27;" not in row.text and "<b>Bo</b> O'Neil" in row.text
    assert "&lt;b&gt;Bo&lt;/b&gt;" in row.html


@pytest.mark.django_db
def test_a_long_need_title_gives_a_subject_cut_at_a_word_with_an_ellipsis(
    coordinator, owner, buyer_org
):
    need = f.NeedFactory(organisation=buyer_org, title=LONG_TITLE, submitted=True)
    publish_need(need, actor=coordinator)
    row = OutboxMessage.objects.get(kind="need_published", to_email=owner.email)
    assert len(row.subject) <= SUBJECT_MAX_LENGTH and row.subject.endswith("…")
    full = f"Your need is published: {LONG_TITLE}"
    assert full.startswith(row.subject[:-1]) and full[len(row.subject) - 1] == " "
    assert LONG_TITLE in row.text  # the body keeps the whole title


@pytest.mark.django_db
def test_introduction_draft_subject_is_unescaped_and_cut_at_a_word(buyer_org, company_org):
    company_org.name = NAME
    company_org.save()
    need = f.NeedFactory(organisation=buyer_org, title=LONG_TITLE, published=True)
    match = f.MatchFactory(need=need, capability__company__organisation=company_org)
    subject = draft_texts(match)["subject"]
    assert subject.startswith(f"Introduction: {LONG_TITLE[:40]}") and subject.endswith("…")
    assert len(subject) <= SUBJECT_MAX_LENGTH and "&lt;" not in subject
