"""Load the demo bids (healthmatch/demo/bids.py) for DemoSeeder.

Uses the ORM, not matching.bids.services: the services write an email to the outbox for every
submission and decision, and a demo load must send nothing. It keeps what the services keep
consistent instead, and checks the rules they enforce, failing loudly on bad demo data: the
need is published and open, confidential needs only take bids from invited companies, the
company is a verified company offering its own published capabilities, the decision is made by
a member of the need's organisation. Every bid has a BidEvent history that ends in its state,
and its dates follow the need's publication.

Natural key: (need, company), the oldest bid of the pair. When somebody has made another
active bid on the same need by hand, the demo bid is left as it is (the database allows one
active bid per company and need).
"""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from healthmatch.accounts.models import Membership, Organisation
from healthmatch.demo import data
from matching.bids.models import Bid, BidEvent
from needs.models import Need

if TYPE_CHECKING:
    from healthmatch.demo.seed import DemoSeeder

# When each step happens, as a fraction of the time between the need's publication and now.
CREATED, SUBMITTED, SHORTLISTED, DECIDED = 0.35, 0.5, 0.65, 0.8


def seed_bids(seeder: "DemoSeeder") -> None:
    for item in data.BIDS:
        need = seeder.needs[item["need"]]
        company = seeder.orgs[item["company"]]
        author = seeder.users[item["author"]] if item["author"] else None
        decided_by = seeder.users[item["decided_by"]] if item["decided_by"] else None
        capabilities = [seeder.capabilities[(item["company"], t)] for t in item["capabilities"]]
        check(item, need, company, author, decided_by, capabilities, seeder.today)
        existing = Bid.objects.filter(need=need, company=company).order_by("created_at", "pk")
        demo_bid = existing.first()
        if demo_bid and item["state"] not in Bid.INACTIVE_STATES:
            if existing.active().exclude(pk=demo_bid.pk).exists():
                continue  # a newer active bid made by hand: the demo bid stays as it is
        steps = timeline(item, need, author, decided_by, seeder.now)
        times = {to: at for _from, to, _actor, _note, at in steps}
        decided_at = steps[-1][4] if decided_by else None
        bid = seeder.upsert(
            Bid,
            {"pk": demo_bid.pk} if demo_bid else {"need": need, "company": company},
            {
                "author": author,
                "summary": item["summary"],
                "solution": item["solution"],
                "evidence": item["evidence"],
                "price_min": money(item["price_min"]),
                "price_max": money(item["price_max"]),
                "currency": item["currency"],
                "timeline": item["timeline"],
                "state": item["state"],
                "feedback": item["feedback"],
                "created_at": steps[0][4],
                "submitted_at": times.get(Bid.State.SUBMITTED),
                "decided_at": decided_at,
                "decided_by": decided_by,
            },
        )
        seeder.set_m2m(bid.capabilities, [c.pk for c in capabilities])
        history(seeder, bid, steps)
        seeder.touch(bid, steps[-1][4])


def money(amount) -> Decimal | None:
    return None if amount is None else Decimal(amount).quantize(Decimal("0.01"))


def timeline(item, need, author, decided_by, now) -> list[tuple]:
    """(from, to, actor, note, at) for each step, ending in the bid's state."""
    # In UTC: arithmetic on two datetimes of the same zone is wall-clock time, so a span across
    # a daylight saving change would differ by an hour from one read back from the database.
    published = need.published_at.astimezone(dt.UTC)
    span = now.astimezone(dt.UTC) - published

    def at(fraction: float) -> dt.datetime:
        return (published + span * fraction).replace(second=0, microsecond=0)

    state = item["state"]
    steps = [("", Bid.State.DRAFT, author, "", at(CREATED))]
    if state == Bid.State.DRAFT:
        return steps
    steps.append((Bid.State.DRAFT, Bid.State.SUBMITTED, author, "", at(SUBMITTED)))
    if state == Bid.State.SUBMITTED:
        return steps
    previous = Bid.State.SUBMITTED
    if state == Bid.State.ACCEPTED:
        steps.append((previous, Bid.State.SHORTLISTED, decided_by, "", at(SHORTLISTED)))
        previous = Bid.State.SHORTLISTED
    steps.append((previous, state, decided_by, item["feedback"], at(DECIDED)))
    return steps


def history(seeder, bid: Bid, steps: list[tuple]) -> None:
    """Replace the bid's events when they differ from the wanted ones."""
    wanted = [
        (from_, to, actor.pk if actor else None, note, at) for from_, to, actor, note, at in steps
    ]
    current = list(
        bid.events.order_by("created_at", "pk").values_list(
            "from_state", "to_state", "actor_id", "note", "created_at"
        )
    )
    if current == wanted:
        return
    bid.events.all().delete()
    BidEvent.objects.bulk_create(
        BidEvent(bid=bid, from_state=from_, to_state=to, actor_id=actor, note=note, created_at=at)
        for from_, to, actor, note, at in wanted
    )
    seeder.result.created["BidEvent"] += len(wanted)


def check(item, need, company, author, decided_by, capabilities, today) -> None:
    """The rules services.create_bid and decide_bid enforce, applied to the demo data."""
    where = f"demo bid of {item['company']} on {item['need']!r}"
    if need.status != Need.Status.PUBLISHED or need.published_at is None:
        raise ValueError(f"{where}: the need is not published")
    if need.response_deadline and need.response_deadline < today:
        raise ValueError(f"{where}: the need's deadline has passed")
    if need.is_confidential and not need.invitations.filter(organisation=company).exists():
        raise ValueError(f"{where}: the need is confidential and the company is not invited")
    if company.kind != Organisation.Kind.COMPANY or not company.is_verified:
        raise ValueError(f"{where}: only verified companies bid")
    for capability in capabilities:
        if capability.company.organisation_id != company.pk or capability.status != "published":
            raise ValueError(f"{where}: {capability.title!r} is not the company's to offer")
    members = Membership.objects.active()
    if author and not members.filter(user=author, organisation=company).exists():
        raise ValueError(f"{where}: the author is not a member of the company")
    if decided_by and not members.filter(user=decided_by, organisation=need.organisation).exists():
        raise ValueError(f"{where}: the decision is not made by the need's organisation")
