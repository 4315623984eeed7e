"""page_bench's world, built inside the stage with the stage's environment:

    python -m healthmatch.bench.pages.world --needs 10000 --companies 2000 --seed 0

Three hubs; a hospital for every 200 needs; ``--needs`` published needs on 16 topics, each topic
with its clinical area, technology type and care setting (plus a random extra tag now and then),
so a filter on a topic's area and technology finds a few percent of them; the word ``sepsis``
in about 1 % of them (the search); ``--companies`` verified companies with 2 or 3 published
capabilities each; and the matches the engine would have stored: 5 capabilities of the same
topic per need, most suggested, some mutual, approved or dismissed. Rows are bulk-created (no
services, no signals), then ``ANALYZE`` as autovacuum soon does on a live database.

Three people sign in: a member of a company (the needs list, a need, "Needs for you", the
directory, the API with a read token), an administrator of a hospital (its dashboard and its
need with the suggested companies) and a coordinator of the first hub (the curation queue).

Prints one JSON line: the logins, the token, the counts, and each page's path, the person it is
loaded as and what it must show (``expect``: groups of strings, at least one of each group in
the response), all read back from the database so they hold whatever the order of ties.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import secrets
import sys

import django

# (problem, keywords, clinical area, technology type, care setting): names from
# healthmatch/accounts/taxonomy_defaults.py (a missing name falls back to a term by position).
TOPICS = [
    ("Fewer falls at night on the geriatric ward", "radar sensor fall alarm", "Geriatrics",
     "IoT / wearables and sensors", "Hospital ward"),
    ("Remote monitoring of heart failure patients at home", "telemonitoring weight pulse",
     "Cardiology", "Telehealth and remote monitoring", "Home care"),
    ("Medication reminders for people with dementia", "dispenser reminder medication",
     "Dementia", "Assistive and welfare technology", "Home care"),
    ("Pressure ulcer prevention in nursing homes", "mattress pressure sensor", "Wound care",
     "Medical device", "Nursing home"),
    ("Video consultations for rehabilitation after stroke", "video exercise rehabilitation",
     "Rehabilitation", "Telehealth and remote monitoring", "Outpatient clinic"),
    ("Hand hygiene compliance in intensive care", "dispenser compliance hygiene",
     "Infection control", "IoT / wearables and sensors", "Intensive care unit"),
    ("Tracking sterile instruments between operating theatres", "instrument tracking logistics",
     "Surgery", "Logistics and hospital operations", "Operating theatre"),
    ("Wound photography and documentation by nurses", "wound photo documentation app",
     "Wound care", "Digital health software", "Home care"),
    ("Early warning from routine vital signs", "vital signs score alert", "Emergency medicine",
     "AI / machine learning", "Emergency department"),
    ("Triage support in the emergency department", "triage queue decision support",
     "Emergency medicine", "Digital health software", "Emergency department"),
    ("Automated reading of chest X-rays", "xray image analysis", "Radiology and imaging",
     "AI / machine learning", "Outpatient clinic"),
    ("Glucose monitoring for children with diabetes", "glucose sensor insulin",
     "Diabetes and endocrinology", "IoT / wearables and sensors", "Outpatient clinic"),
    ("Lifting aids for home care workers", "lift hoist transfer", "Nursing and care logistics",
     "Assistive and welfare technology", "Home care"),
    ("Training nurses with virtual reality", "simulation training headset",
     "Nursing and care logistics", "VR / AR and simulation", "Hospital ward"),
    ("Sharing discharge summaries with municipalities", "interoperability discharge record",
     "Nursing and care logistics", "Health data and interoperability", "Municipality services"),
    ("Sleep monitoring in psychiatric wards", "sleep sensor night observation",
     "Psychiatry and mental health", "IoT / wearables and sensors", "Hospital ward"),
]  # fmt: skip
SEARCH_WORD = "sepsis"  # in no topic and no filler word: only where planted
SEARCH_EVERY = 100  # in the summary of one need in a hundred (and the title of half of those)
HUBS = 3
NEEDS_PER_HOSPITAL = 200
CAPABILITIES_PER_COMPANY = (2, 3)
MATCHES_PER_NEED = 5
ROWS_PER_INSERT = 2000
PREFIXES = "Care Nordic Medi Vital Sense Health Welfare Clinic Pulse Nova Aurora Fjord".split()
SUFFIXES = "Tech Labs Systems Robotics Solutions Devices Analytics Works Care Link".split()
STATUS_SHARES = [("suggested", 88), ("mutual", 4), ("approved", 4), ("dismissed_by_company", 4)]
FACTOR_KEYS = ("relevance", "text", "clinical_area", "technology", "care_setting", "maturity",
               "region", "language")  # fmt: skip
TAG = "page-bench"


def _terms(model, names):
    """The term of each name (by name, else the active term at the same position)."""
    active = list(model.objects.filter(is_active=True).order_by("position", "name"))
    by_name = {term.name: term for term in active}
    return [by_name.get(name) or active[i % len(active)] for i, name in enumerate(names)]


def _company_name(c: int) -> str:
    prefix, suffix = PREFIXES[c % len(PREFIXES)], SUFFIXES[c // len(PREFIXES) % len(SUFFIXES)]
    return f"{prefix}{suffix} {c} ApS"


def _person(kind, organisation, role):
    """A person who can sign in (a verified address, a random password), active member of
    ``organisation`` when one is given; (user, password)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from healthmatch.accounts.models import Membership, User

    password = secrets.token_urlsafe(12)
    email = f"{kind}@{TAG}.invalid"
    user = User.objects.create(
        email=email, name=f"Page bench {kind}", password=make_password(password)
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if organisation is not None:
        Membership.objects.create(
            user=user, organisation=organisation, role=role, status=Membership.Status.ACTIVE
        )
    return user, password


def build(needs: int, companies: int, seed: int) -> dict:
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone

    from companies.models import Capability, CompanyProfile
    from healthmatch.accounts.models import (
        CareSetting,
        ClinicalArea,
        Hub,
        Membership,
        Organisation,
        Region,
        TechnologyType,
    )
    from healthmatch.accounts.roles import COORDINATORS_GROUP
    from healthmatch.api import services as tokens
    from healthmatch.bench.drills.agent import WORDS
    from matching.models import Match
    from needs.models import Need

    rng = random.Random(seed)  # noqa: S311 (test data)
    now = timezone.now()
    today = timezone.localdate()
    areas = _terms(ClinicalArea, [t[2] for t in TOPICS])
    techs = _terms(TechnologyType, [t[3] for t in TOPICS])
    settings_ = _terms(CareSetting, [t[4] for t in TOPICS])
    all_areas = list(ClinicalArea.objects.filter(is_active=True))
    all_techs = list(TechnologyType.objects.filter(is_active=True))
    regions = list(Region.objects.filter(is_active=True)) or [None]

    def words(n):
        return " ".join(rng.sample(WORDS, n))

    with transaction.atomic():
        hubs = [
            Hub.objects.create(name=f"Page bench hub {h}", slug=f"{TAG}-{h}") for h in range(HUBS)
        ]
        hospitals = Organisation.objects.bulk_create(
            Organisation(
                name=f"Page bench hospital {h}",
                slug=f"{TAG}-hospital-{h}",
                kind=Organisation.Kind.HOSPITAL,
                hub=hubs[h % HUBS],
                verified_at=now,
            )  # fmt: skip
            for h in range(max(1, needs // NEEDS_PER_HOSPITAL))
        )

        # Needs: need 0 is the newest; one in a hundred mentions sepsis.
        need_topics = [rng.randrange(len(TOPICS)) for _ in range(needs)]
        rows = []
        for n, topic in enumerate(need_topics):
            problem, keywords = TOPICS[topic][:2]
            hospital = hospitals[n % len(hospitals)]
            searched = n % SEARCH_EVERY == 7
            title = f"{problem}, {words(2)}"
            if searched and n % (2 * SEARCH_EVERY) == 7:
                title += f" and {SEARCH_WORD}"
            rows.append(
                Need(
                    organisation=hospital, hub_id=hospital.hub_id,
                    title=f"{title} (ref {n})",
                    summary=f"{keywords} {words(4)}" + (f" {SEARCH_WORD} risk" if searched else ""),
                    description=(
                        f"{problem}. Today: {words(14)}. We look for {words(10)} that works "
                        f"with {words(6)}. Reference PB-{n}."
                    ),
                    success_criteria=f"Fewer {words(3)} within a year.",
                    min_trl=rng.choice([None, None, 4, 5, 6, 7, 8]),
                    response_deadline=(
                        today + datetime.timedelta(days=rng.randint(10, 200))
                        if rng.random() < 0.7 else None
                    ),
                    region=rng.choice(regions),
                    status=Need.Status.PUBLISHED,
                    submitted_at=now - datetime.timedelta(minutes=n + 60),
                    published_at=now - datetime.timedelta(minutes=n),
                )
            )  # fmt: skip
        need_rows = Need.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        # Last changed when published, as a need is (bulk_create stamps them all "now").
        Need.objects.update(updated_at=F("published_at"))
        _tag(Need, need_rows, need_topics, areas, techs, settings_, all_areas, all_techs, rng)

        # Companies, each with 2 or 3 published capabilities; company 0 is the signed-in one's.
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=_company_name(c),
                slug=f"{TAG}-company-{c}",
                kind=Organisation.Kind.COMPANY,
                hub=hubs[c % HUBS],
                verified_at=now,
            )  # fmt: skip
            for c in range(companies)
        )
        profiles = CompanyProfile.objects.bulk_create(
            CompanyProfile(organisation=org, tagline=words(5).capitalize(), languages=["en"])
            for org in orgs
        )
        rows, capability_topics = [], []
        for c, profile in enumerate(profiles):
            for k in range(rng.randint(*CAPABILITIES_PER_COMPANY)):
                topic = c % len(TOPICS) if k == 0 else rng.randrange(len(TOPICS))
                keywords = TOPICS[topic][1]
                capability_topics.append(topic)
                rows.append(
                    Capability(
                        company=profile, title=f"{keywords.title()} {words(2)} ({c}.{k})",
                        summary=f"For {TOPICS[topic][0].lower()}.",
                        description=f"We solve {TOPICS[topic][0].lower()}: {words(16)}.",
                        trl=rng.randint(4, 9), status=Capability.Status.PUBLISHED,
                        published_at=now - datetime.timedelta(hours=c),
                    )
                )  # fmt: skip
        capabilities = Capability.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        _tag(Capability, capabilities, capability_topics, areas, techs, settings_, all_areas,
             all_techs, rng)  # fmt: skip

        matches = _matches(
            need_rows, need_topics, capabilities, capability_topics, profiles[0], rng
        )
        Match.objects.bulk_create(matches, batch_size=ROWS_PER_INSERT)

        company_user, company_password = _person("company", orgs[0], Membership.Role.MEMBER)
        hospital_user, hospital_password = _person("hospital", hospitals[0], Membership.Role.ADMIN)
        coordinator, coordinator_password = _person("coordinator", None, None)
        coordinator.is_staff = True
        coordinator.save(update_fields=["is_staff"])
        coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
        hubs[0].coordinators.add(coordinator)
        _row, token = tokens.create_token(company_user, name=TAG, scope="read", expires_in_days=30)

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    return {
        "needs": len(need_rows),
        "hospitals": len(hospitals),
        "companies": len(orgs),
        "capabilities": len(capabilities),
        "matches": len(matches),
        "logins": {
            "company": {"email": company_user.email, "password": company_password},
            "hospital": {"email": hospital_user.email, "password": hospital_password},
            "coordinator": {"email": coordinator.email, "password": coordinator_password},
        },
        "token": token,
        "pages": pages(hospitals[0], orgs[0], hubs[0], areas[0], techs[0]),
    }  # fmt: skip


def _tag(model, rows, topics, areas, techs, settings_, all_areas, all_techs, rng) -> None:
    """The topic's clinical area, technology type (4 in 5) and care setting on every row, and
    now and then a random second area and technology."""
    field = model._meta.model_name  # need, capability
    links = {"clinical_areas": set(), "technology_types": set(), "care_settings": set()}
    for row, topic in zip(rows, topics, strict=True):
        links["clinical_areas"].add((row.pk, areas[topic].pk))
        links["care_settings"].add((row.pk, settings_[topic].pk))
        if rng.random() < 0.8:
            links["technology_types"].add((row.pk, techs[topic].pk))
        if rng.random() < 0.3:
            links["clinical_areas"].add((row.pk, rng.choice(all_areas).pk))
        if rng.random() < 0.3:
            links["technology_types"].add((row.pk, rng.choice(all_techs).pk))
    for name, pairs in links.items():
        through = getattr(model, name).through
        term = getattr(model, name).field.related_model._meta.model_name
        through.objects.bulk_create(
            (through(**{f"{field}_id": row, f"{term}_id": pk}) for row, pk in pairs),
            batch_size=ROWS_PER_INSERT * 5,
        )


def _matches(needs, need_topics, capabilities, capability_topics, company, rng) -> list:
    """5 capabilities of the need's topic per need (any when the topic has fewer), and each of
    the signed-in company's capabilities among the newest needs of its topic, so its "Needs for
    you" is full."""
    from matching.models import Match

    pools: dict[int, list] = {}
    topic_of = {}
    for capability, topic in zip(capabilities, capability_topics, strict=True):
        pools.setdefault(topic, []).append(capability)
        topic_of[capability.pk] = topic
    pairs = {}
    for need, topic in zip(needs, need_topics, strict=True):
        pool = pools.get(topic, [])
        if len(pool) < MATCHES_PER_NEED:
            pool = capabilities
        for capability in rng.sample(pool, min(MATCHES_PER_NEED, len(pool))):
            pairs[(need.pk, capability.pk)] = (need, capability)
    for capability in capabilities:
        if capability.company_id == company.pk:
            topic = topic_of[capability.pk]
            newest = [n for n, t in zip(needs, need_topics, strict=True) if t == topic][:8]
            for need in newest:
                pairs[(need.pk, capability.pk)] = (need, capability)
    statuses = [status for status, _share in STATUS_SHARES]
    shares = [share for _status, share in STATUS_SHARES]
    rows = []
    for need, capability in pairs.values():
        status = rng.choices(statuses, shares)[0]
        trl_gap = need.min_trl is not None and capability.trl < need.min_trl
        rows.append(
            Match(
                need_id=need.pk, capability_id=capability.pk, hub_id=need.hub_id,
                score=round(rng.uniform(0.35, 0.95), 6),
                factors={key: round(rng.random(), 3) for key in FACTOR_KEYS},
                shared_terms=TOPICS[topic_of[capability.pk]][1].split()[:3],
                gaps=[["trl_below", need.min_trl]] if trl_gap else [],
                status=status, acted_on=status != "suggested",
            )
        )  # fmt: skip
    return rows


def pages(hospital, company, hub, area, tech) -> dict:
    """Each page's path, the person it is loaded as, and what it must show."""
    from companies.models import CompanyProfile
    from matching.models import Match
    from needs.models import Need

    listed = Need.objects.listed().order_by("-published_at", "-pk")
    newest = listed.first()
    filtered = listed.filter(pk__in=Need.objects.filter(clinical_areas=area).values("pk")).filter(
        pk__in=Need.objects.filter(technology_types=tech).values("pk")
    )
    searched = list(
        Need.objects.filter(summary__contains=SEARCH_WORD).values_list("title", flat=True)
    )
    for_company = (
        Match.objects.suggested()
        .filter(capability__company__organisation=company, need__status=Need.Status.PUBLISHED)
        .select_related("need")
        .order_by("-score", "pk")
        .first()
    )
    own = Need.objects.filter(organisation=hospital, status=Need.Status.PUBLISHED)
    with_matches = (
        Match.objects.suggested().filter(need__in=own).order_by("-score", "pk").first().need
    )
    top_company = (
        Match.objects.suggested()
        .filter(need=with_matches)
        .order_by("-score", "pk")
        .select_related("capability__company__organisation")
        .first()
        .capability.company.organisation.name
    )
    first_company = (
        CompanyProfile.objects.filter(organisation__verified_at__isnull=False)
        .order_by("organisation__name", "pk")
        .select_related("organisation")
        .first()
        .organisation.name
    )
    queue = (
        Match.objects.filter(hub=hub, status__in=(Match.Status.SUGGESTED, Match.Status.MUTUAL))
        .order_by("-score", "pk")
        .select_related("need")
        .first()
    )
    return {
        "needs_list": {"path": "/needs/", "as": "company", "expect": [[newest.title]]},
        "needs_filtered": {
            "path": f"/needs/?clinical_area={area.pk}&technology={tech.pk}",
            "as": "company",
            "expect": [[filtered.first().title]],
            "results": filtered.count(),
        },
        "needs_search": {
            "path": f"/needs/?q={SEARCH_WORD}",
            "as": "company",
            "expect": [searched],
            "results": len(searched),
        },
        "need_detail": {
            "path": f"/needs/{newest.pk}/",
            "as": "company",
            "expect": [[newest.title], [newest.description.rsplit(". ", 1)[-1].rstrip(".")]],
        },
        "need_detail_owner": {
            "path": f"/needs/{with_matches.pk}/",
            "as": "hospital",
            "expect": [[with_matches.title], [top_company]],
        },
        "company_dashboard": {
            "path": "/dashboard/",
            "as": "company",
            "expect": [[for_company.need.title]],
        },
        "hospital_dashboard": {
            "path": "/dashboard/",
            "as": "hospital",
            "expect": [[own.order_by("-updated_at", "-pk").first().title]],
        },
        "companies_directory": {
            "path": "/companies/",
            "as": "company",
            "expect": [[first_company]],
        },
        "curation_queue": {
            "path": "/admin/matching/curationqueueitem/",
            "as": "coordinator",
            "expect": [[queue.need.title]],
        },
        "api_needs": {"path": "/api/v1/needs/", "as": "token", "expect": [[newest.title]]},
    }


def main(argv=None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthmatch.settings")
    django.setup()
    parser = argparse.ArgumentParser(prog="page_bench world")
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = build(args.needs, args.companies, args.seed)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
