"""Who hears about which match: threshold, dismissed and retired matches, confidential needs,
once per match, preferences and caps. The outbox rows are the emails."""

import datetime

import pytest
from django.utils import timezone

from healthmatch.accounts.models import Membership
from healthmatch.mail.models import OutboxMessage
from matching.models import Match
from matching.notify.emails import announce
from matching.notify.models import MatchNotice, NotificationPreference
from matching.runs.models import MatchingConfig
from tests import factories as f
from tests.matching.notify.conftest import make_match, published_capability, published_need

pytestmark = pytest.mark.django_db

Frequency = NotificationPreference.Frequency
BUYERS = {"owner@ouh.example", "member@ouh.example"}
COMPANY = {"ceo@caresense.example", "dev@caresense.example"}


def emails(**filters):
    return {m.to_email: m for m in OutboxMessage.objects.filter(category="matches", **filters)}


def set_frequency(user, frequency, **fields):
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency, **fields}
    )


def test_both_sides_hear_about_a_new_match(world):
    make_match(world.need, world.radar, 0.8)

    counts = announce(Frequency.DAILY)

    sent = emails()
    assert set(sent) == BUYERS | COMPANY
    assert counts == {"people": 4, "emails": 4, "matches": 4, "failed": 0}
    buyer = sent["owner@ouh.example"]
    assert buyer.subject == (
        "Daily digest: 1 company could meet your need "
        "“Fall detection at night on the geriatric ward”"
    )
    assert buyer.kind == "match_digest"
    assert "Radar fall detection for patient rooms" in buyer.text
    assert "CareSense ApS" in buyer.text
    assert "80 % match" in buyer.text
    # the summary, strongest reason first
    assert "Strong match: same clinical area, similar wording and same kind of technology." in (
        buyer.text
    )
    assert "fall, radar, night" in buyer.text
    assert f"/needs/{world.need.pk}/" in buyer.html
    company = sent["dev@caresense.example"]
    assert company.subject == "Daily digest: 1 new need matches your capabilities"
    assert "Fall detection at night on the geriatric ward" in company.text
    assert "Odense University Hospital" in company.html
    assert "/dashboard/#for-you-h" in company.text


def test_match_email_explains_in_plain_words_in_both_parts(world):
    dpia = f.RegulatoryItemFactory(name="GDPR DPIA", slug="gdpr-dpia")
    make_match(
        world.need,
        world.radar,
        0.55,
        shared_terms=["2", "fall", "kg", "30", "days", "radar", "og"],
        gaps=[["regulatory_missing", dpia.pk]],
    )

    announce(Frequency.DAILY)

    mail = emails()["owner@ouh.example"]
    summary = "Good match: same clinical area, similar wording and same kind of technology."
    for part in (mail.text, mail.html):
        assert summary in part
        assert "To check: Missing: GDPR DPIA" in part
        assert "Words both texts use: fall, radar" in part
        assert "Relevance" not in part and "Text 72" not in part
        assert "kg" not in part and "days" not in part


def test_threshold_is_respected(world):
    make_match(world.need, world.radar, 0.49)
    make_match(world.need, world.mats, 0.5)

    announce(Frequency.DAILY)

    owner_mail = emails()["owner@ouh.example"]
    assert "Sensor mats that warn before a fall" in owner_mail.text
    assert "Radar fall detection" not in owner_mail.text
    assert set(MatchNotice.objects.values_list("match__capability", flat=True)) == {world.mats.pk}


def test_the_hub_threshold_overrides_the_default(world, hub, other_hub):
    MatchingConfig.objects.create(hub=hub, notify_threshold=0.9)
    make_match(world.need, world.radar, 0.8)

    assert announce(Frequency.DAILY)["emails"] == 0

    MatchingConfig.objects.filter(hub=hub).update(notify_threshold=0.7)
    assert announce(Frequency.DAILY)["emails"] == 4


@pytest.mark.parametrize(
    "status",
    [Match.Status.DISMISSED_BY_BUYER, Match.Status.DISMISSED_BY_COMPANY, Match.Status.RETIRED],
)
def test_dismissed_and_retired_matches_are_never_announced(world, status):
    make_match(world.need, world.radar, 0.95, status=status)

    assert announce(Frequency.DAILY)["emails"] == 0
    assert not OutboxMessage.objects.exists()


def test_a_dismissal_before_the_digest_keeps_it_out(world, owner):
    from matching.lifecycle import services

    match = make_match(world.need, world.radar, 0.9)
    make_match(world.need, world.mats, 0.7)
    services.dismiss(match, by=owner)

    announce(Frequency.DAILY)

    text = emails()["owner@ouh.example"].text
    assert "Sensor mats" in text
    assert "Radar fall detection" not in text


def test_closed_needs_and_drafted_capabilities_are_not_announced(world, profile):
    from companies.models import Capability
    from needs.models import Need

    make_match(world.need, world.radar, 0.9)
    world.need.status = Need.Status.CLOSED
    world.need.save()
    draft = published_capability(profile, title="Withdrawn", status=Capability.Status.DRAFT)
    make_match(published_need(world.need.organisation, title="Another"), draft, 0.9)

    assert announce(Frequency.DAILY)["emails"] == 0


def test_old_matches_are_not_announced(world, settings):
    settings.MATCH_NOTICES_MAX_AGE_DAYS = 14
    make_match(world.need, world.radar, 0.9, first_seen_at=timezone.now() - datetime.timedelta(15))

    assert announce(Frequency.DAILY)["emails"] == 0


def test_only_active_members_of_active_accounts_hear(world, buyer_org, member, company_member):
    pending = f.UserFactory(email="pending@ouh.example")
    f.MembershipFactory(user=pending, organisation=buyer_org, status=Membership.Status.PENDING)
    company_member.is_active = False
    company_member.save()
    make_match(world.need, world.radar, 0.9)

    announce(Frequency.DAILY)

    assert set(emails()) == BUYERS | {"ceo@caresense.example"}


def test_outsiders_hear_nothing(world, outsider):
    make_match(world.need, world.radar, 0.9)

    announce(Frequency.DAILY)

    assert "outsider@elsewhere.example" not in emails()


# --- Confidential needs -----------------------------------------------------------------------


def test_confidential_need_is_not_leaked_to_a_company_that_is_not_invited(world, buyer_org):
    secret = published_need(buyer_org, title="Secret ward redesign at Odense", is_confidential=True)
    make_match(secret, world.radar, 0.95)
    make_match(world.need, world.mats, 0.6)  # so the company does get an email

    announce(Frequency.DAILY)

    sent = emails()
    company = sent["dev@caresense.example"]
    assert company.subject == "Daily digest: 1 new need matches your capabilities"
    for part in (company.subject, company.text, company.html):
        assert "Secret ward redesign" not in part
    assert not MatchNotice.objects.filter(match__need=secret, side="company").exists()
    # The buyer's own people hear about it.
    assert "Secret ward redesign at Odense" in sent["owner@ouh.example"].text


def test_confidential_need_reaches_an_invited_company(world, buyer_org, company_org):
    secret = published_need(buyer_org, title="Secret ward redesign", is_confidential=True)
    f.NeedInvitationFactory(need=secret, organisation=company_org)
    make_match(secret, world.radar, 0.95)

    announce(Frequency.DAILY)

    company = emails()["dev@caresense.example"]
    assert "Secret ward redesign" in company.text
    assert "Secret ward redesign" in company.html


def test_a_confidential_need_invitation_for_another_company_does_not_count(world, buyer_org, hub):
    secret = published_need(buyer_org, title="Secret ward redesign", is_confidential=True)
    f.NeedInvitationFactory(need=secret, organisation=f.OrganisationFactory(company=True, hub=hub))
    make_match(secret, world.radar, 0.95)

    announce(Frequency.DAILY)

    assert not (set(emails()) & COMPANY)


# --- Once per match ---------------------------------------------------------------------------


def test_nobody_hears_about_the_same_match_twice(world):
    make_match(world.need, world.radar, 0.9)
    announce(Frequency.DAILY)
    first = OutboxMessage.objects.count()

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert announce(Frequency.DAILY, now=tomorrow)["emails"] == 0

    assert OutboxMessage.objects.count() == first == 4
    assert MatchNotice.objects.count() == 4


def test_the_next_digest_has_only_the_new_match(world):
    make_match(world.need, world.radar, 0.9)
    announce(Frequency.DAILY)
    make_match(world.need, world.mats, 0.7)

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    announce(Frequency.DAILY, now=tomorrow)

    owner_mails = OutboxMessage.objects.filter(to_email="owner@ouh.example").order_by("pk")
    assert owner_mails.count() == 2
    latest = owner_mails.last()
    assert "Sensor mats" in latest.text
    assert "Radar fall detection" not in latest.text
    assert latest.key.endswith(timezone.localdate(tomorrow).isoformat())


def test_a_second_pass_the_same_day_writes_nothing_and_keeps_the_new_match(world, owner):
    make_match(world.need, world.radar, 0.9)
    announce(Frequency.DAILY)
    later = make_match(world.need, world.mats, 0.7)

    assert announce(Frequency.DAILY)["emails"] == 0  # today's digest is written

    assert OutboxMessage.objects.filter(to_email=owner.email).count() == 1
    assert not MatchNotice.objects.filter(match=later).exists()  # waits for tomorrow
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert announce(Frequency.DAILY, now=tomorrow)["emails"] == 4


def test_a_person_on_both_sides_hears_once(world, owner, company_org):
    f.MembershipFactory(user=owner, organisation=company_org)
    make_match(world.need, world.radar, 0.9)

    announce(Frequency.DAILY)

    assert OutboxMessage.objects.filter(to_email=owner.email).count() == 1
    assert MatchNotice.objects.get(user=owner).side == "buyer"


# --- Preferences ------------------------------------------------------------------------------


def test_off_means_no_email(world, owner):
    set_frequency(owner, Frequency.OFF)
    make_match(world.need, world.radar, 0.9)

    for frequency in (Frequency.IMMEDIATELY, Frequency.DAILY, Frequency.WEEKLY):
        announce(frequency)

    assert owner.email not in emails()
    assert not MatchNotice.objects.filter(user=owner).exists()


def test_each_frequency_has_its_own_pass(world, owner, member, company_owner, company_member):
    set_frequency(owner, Frequency.IMMEDIATELY)
    set_frequency(member, Frequency.WEEKLY)
    # company_owner has no row: daily is the default
    set_frequency(company_member, Frequency.DAILY)
    make_match(world.need, world.radar, 0.9)

    assert set(emails()) == set()
    announce(Frequency.IMMEDIATELY)
    assert set(emails()) == {owner.email}
    announce(Frequency.DAILY)
    assert set(emails()) == {owner.email, company_owner.email, company_member.email}
    announce(Frequency.WEEKLY)
    assert set(emails()) == BUYERS | COMPANY

    sent = emails()
    assert sent[owner.email].kind == "match_notice"
    assert sent[owner.email].key.startswith(f"matches-now:{owner.pk}:")
    assert sent[owner.email].subject.startswith("1 company could meet your need")
    assert sent[member.email].subject.startswith("Weekly digest: ")
    year, week, _ = timezone.localdate().isocalendar()
    assert sent[member.email].key == f"matches-weekly:{member.pk}:{year}-W{week:02d}"
    assert sent[company_owner.email].key == (
        f"matches:{company_owner.pk}:{timezone.localdate().isoformat()}"
    )
    assert NotificationPreference.objects.get(user=company_owner).frequency == Frequency.DAILY


def test_immediately_sends_one_email_per_pass_with_all_new_matches(world, owner):
    set_frequency(owner, Frequency.IMMEDIATELY)
    make_match(world.need, world.radar, 0.9)
    make_match(world.need, world.mats, 0.8)

    announce(Frequency.IMMEDIATELY)
    announce(Frequency.IMMEDIATELY)

    mail = OutboxMessage.objects.get(to_email=owner.email)
    assert mail.subject == (
        "1 company could meet your need “Fall detection at night on the geriatric ward”"
    )
    assert "Radar fall detection" in mail.text and "Sensor mats" in mail.text

    other = published_capability(
        f.CompanyProfileFactory(
            organisation=f.OrganisationFactory(company=True, name="Nordic Radar AB")
        ),
        title="Wristband",
    )
    make_match(world.need, other, 0.7)
    announce(Frequency.IMMEDIATELY)
    latest = OutboxMessage.objects.filter(to_email=owner.email).order_by("-pk").first()
    assert OutboxMessage.objects.filter(to_email=owner.email).count() == 2
    assert "Wristband" in latest.text and "Radar fall detection" not in latest.text
    assert latest.key != mail.key


def test_subject_counts_companies_across_needs(world, buyer_org, owner):
    second = published_need(buyer_org, title="Medication rounds at night")
    make_match(world.need, world.radar, 0.9)
    make_match(second, world.mats, 0.8)

    announce(Frequency.DAILY)

    assert emails()[owner.email].subject == ("Daily digest: 1 company could meet 2 of your needs")


def test_the_cap_shows_the_best_and_links_the_rest(world, owner, buyer_org):
    set_frequency(owner, Frequency.DAILY, max_matches=2)
    scores = [0.95, 0.9, 0.85, 0.8, 0.75]
    for n, score in enumerate(scores):
        org = f.OrganisationFactory(company=True, name=f"Vendor {n}")
        capability = published_capability(
            f.CompanyProfileFactory(organisation=org), title=f"Solution number {n}"
        )
        make_match(world.need, capability, score)

    announce(Frequency.DAILY)

    mail = emails()[owner.email]
    assert mail.subject == (
        "Daily digest: 5 companies could meet your need "
        "“Fall detection at night on the geriatric ward”"
    )
    for part in (mail.text, mail.html):
        assert "Solution number 0" in part and "Solution number 1" in part
        assert "Solution number 2" not in part and "Solution number 4" not in part
        assert "…and 3 more for this need" in part
        assert f"/needs/{world.need.pk}/#suggested-h" in part
    # The rest count as told (the email links them): no second email about them.
    assert MatchNotice.objects.filter(user=owner).count() == 5


def test_the_cap_counts_whole_groups_left_out(world, owner, buyer_org):
    set_frequency(owner, Frequency.DAILY, max_matches=1)
    second = published_need(buyer_org, title="Medication rounds at night")
    make_match(world.need, world.radar, 0.9)
    make_match(second, world.mats, 0.6)

    announce(Frequency.DAILY)

    mail = emails()[owner.email]
    assert "Medication rounds" not in mail.text
    assert "…and 1 more match: http://" in mail.text
    assert "/dashboard/" in mail.html


def test_the_recipients_language_is_used(world, owner):
    set_frequency(owner, Frequency.DAILY, language="da")
    make_match(world.need, world.radar, 0.9)

    announce(Frequency.DAILY)

    assert emails()[owner.email].language == "da"
    assert emails()["member@ouh.example"].language == "en"


def test_without_an_email_language_the_persons_own_language_is_used(world, owner, member):
    # A Swedish-speaking member of a Danish hospital gets the Danish need's digest in Swedish.
    member.language = "sv"
    member.save()
    set_frequency(owner, Frequency.DAILY, language="nb")  # the email setting wins
    set_frequency(member, Frequency.DAILY)
    make_match(world.need, world.radar, 0.9)

    announce(Frequency.DAILY)

    sent = emails()
    assert (sent[owner.email].language, sent[member.email].language) == ("nb", "sv")
    assert sent[member.email].subject.startswith("Daglig sammanfattning")
    assert "Fall detection at night on the geriatric ward" in sent[member.email].subject
    assert "Daily digest" not in sent[member.email].text


def test_a_match_the_engine_finds_is_announced_with_its_reasons(world):
    from matching.runs.rescore import rescore

    MatchingConfig.objects.update_or_create(
        hub=None, defaults={"threshold": 0.01, "notify_threshold": 0.01}
    )
    rescore(full=True)
    match = Match.objects.get(need=world.need, capability=world.radar)

    announce(Frequency.DAILY)

    owner_mail = emails()["owner@ouh.example"]
    assert f"{round(match.score * 100)} % match" in owner_mail.text
    assert "Radar fall detection for patient rooms" in owner_mail.html
    assert MatchNotice.objects.filter(match=match, side="buyer").count() == 2
    assert MatchNotice.objects.filter(match=match, side="company").count() == 2
