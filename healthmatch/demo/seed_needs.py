"""Load the demo needs (healthmatch/demo/needs_*.py) through the need services.

A new demo need is drafted by its organisation's author (``needs.services.create_need``),
submitted by them, returned or published by a coordinator of its hub, opened to its invited
companies and closed, each step by the service a page calls, so the rules hold (only verified
organisations submit and are published; only confidential needs take invitations, from verified
companies). The seeder then back-dates the need and replaces its history with the demo's
timeline (relative to ``today``: deadlines stay in the future on a later run). A demo need
changed by hand is brought back to its demo state on the next run. Every call passes
``bulk=True``: matching rescores nothing per need (one full run follows the seed).
"""

import datetime as dt

from healthmatch.accounts.models import (
    CareSetting,
    ClinicalArea,
    Region,
    RegulatoryItem,
    TechnologyType,
    User,
)
from healthmatch.demo import data
from healthmatch.demo.world import DemoWorld
from needs import services
from needs.models import Need, NeedInvitation

DEFAULT_AGE = {"draft": 6, "submitted": 10, "published": 30, "closed": 180}
PUBLISH_COMMENT = "Checked by the hub coordinator and published."
RETURN_COMMENT = (
    "Thank you! Before we publish: please describe the expected volume and how you will "
    "measure success, so companies can judge whether they fit."
)
TENDER_CLOSED = "Tender concluded."
AUTO_CLOSED = "Closed automatically after the response deadline."
HISTORY = ("from_status", "to_status", "actor_id", "comment", "created_at")


def seed_needs(world: DemoWorld) -> None:
    regions = {buyer["slug"]: buyer["region"] for buyer in data.BUYERS}
    for item in data.NEEDS:
        seed_need(world, item, regions[item["organisation"]])


def seed_need(world: DemoWorld, item: dict, default_region: str) -> None:
    org = world.orgs[item["organisation"]]
    author = world.authors[item["organisation"]]
    coordinator = world.coordinator_of(org)
    steps = timeline(world, item, author, coordinator)
    times = {to: at for _from, to, _actor, _comment, at in steps}
    status = item["status"]
    fields, tags = content(world, item, default_region)
    need = Need.objects.filter(organisation=org, title=item["title"]).first()
    if need is None:
        need = world.fresh(world.made(play(world, item, org, author, coordinator, fields, tags)))
    world.restore(
        need,
        {
            **fields,
            "hub": org.hub,
            "created_by": author,
            "status": status,
            "coordinator_comment": RETURN_COMMENT if item["returned"] else "",
            "created_at": steps[0][4],
            "submitted_at": times.get("submitted") if status != "draft" else None,
            "published_at": times.get("published"),
            "closed_at": times.get("closed"),
        },
    )
    for name, pks in tags.items():
        world.set_m2m(getattr(need, name), pks)
    world.replace_history(
        need.status_changes,
        HISTORY,
        [(fr, to, actor.pk if actor else None, note, at) for fr, to, actor, note, at in steps],
    )
    world.touch(need, steps[-1][4])
    world.needs[item["title"]] = need
    just_made = getattr(need, "demo_created", False)
    for company_slug in item["invite"]:
        lookup = {"need": need, "organisation": world.orgs[company_slug]}
        values = {"invited_by": author, "created_at": times["published"]}
        invitation = NeedInvitation.objects.filter(**lookup).first()
        if invitation is None:
            world.upsert(NeedInvitation, lookup, values)
        else:  # made by the service just now, or on an earlier run
            world.restore(world.made(invitation) if just_made else invitation, values)


def content(world: DemoWorld, item: dict, default_region: str) -> tuple[dict, dict]:
    """The need services' editable fields and tags of the demo need."""
    deadline = item["deadline"]
    fields = {
        "title": item["title"],
        "summary": item["summary"],
        "description": item["description"],
        "care_pathway": item["care_pathway"],
        "affected_groups": item["affected_groups"],
        "scale": item["scale"],
        "success_criteria": item["success_criteria"],
        "min_trl": item["min_trl"],
        "budget_band": item["budget_band"],
        "route": item["route"],
        "response_deadline": (
            world.today + dt.timedelta(days=deadline) if deadline is not None else None
        ),
        "language": item["language"],
        "region_id": world.region_pk(item["region"] or default_region),
        "is_confidential": item["is_confidential"],
    }
    tags = {
        "clinical_areas": world.term_pks(ClinicalArea, item["areas"]),
        "care_settings": world.term_pks(CareSetting, item["settings"]),
        "technology_types": world.term_pks(TechnologyType, item["tech"]),
        "regulatory_requirements": world.term_pks(RegulatoryItem, item["regulatory"]),
    }
    return fields, tags


def play(world: DemoWorld, item, org, author, coordinator, fields, tags) -> Need:
    """Draft the need and take it to its demo status through the services, as its people."""
    editable = {k: v for k, v in fields.items() if k != "region_id"}
    editable["region"] = Region.objects.filter(pk=fields["region_id"]).first()
    need = services.create_need(
        organisation=org, actor=world.acting(author), data=editable, m2m=tags
    )
    status = item["status"]
    if status == "draft" and not item["returned"]:
        return need
    services.submit_need(need, actor=world.acting(author), bulk=True)
    if item["returned"]:
        return services.return_need(need, actor=coordinator, comment=RETURN_COMMENT, bulk=True)
    if status == "submitted":
        return need
    services.publish_need(need, actor=coordinator, bulk=True)
    for company_slug in item["invite"]:
        services.invite_company(
            need, organisation=world.orgs[company_slug], actor=world.acting(author)
        )
    if status == "closed":
        if item["route"] == Need.Route.TENDER:
            services.close_need(need, actor=world.acting(author), comment=TENDER_CLOSED, bulk=True)
        else:  # closed by the deadline task in the demo's story; its history says so
            services.close_need(need, actor=coordinator, comment=AUTO_CLOSED, bulk=True)
    return need


def timeline(world: DemoWorld, item: dict, author: User, coordinator: User) -> list[tuple]:
    """(from, to, actor, comment, at) for each step, ending in the need's status."""
    status = item["status"]
    age = item["age"] or DEFAULT_AGE[status]
    steps = [("", "draft", author, "", world.at(age))]
    if status == "draft" and not item["returned"]:
        return steps
    steps.append(("draft", "submitted", author, "", world.at(age * 0.75)))
    if status == "draft":
        steps.append(("submitted", "draft", coordinator, RETURN_COMMENT, world.at(age * 0.6)))
        return steps
    if status == "submitted":
        return steps
    published = world.at(age * 0.6)
    steps.append(("submitted", "published", coordinator, PUBLISH_COMMENT, published))
    if status == "closed":
        closed = world.at(-item["deadline"] - 1) if item["deadline"] else world.at(1)
        assert closed > published, item["title"]
        if item["route"] == Need.Route.TENDER:
            steps.append(("published", "closed", author, TENDER_CLOSED, closed))
        else:
            steps.append(("published", "closed", None, AUTO_CLOSED, closed))
    return steps
