"""Load the demo bids (healthmatch/demo/bids.py) through the bid services.

A new demo bid is written, submitted, shortlisted, accepted or declined by
``matching.bids.services``, by the people who would do it on the pages: its author (a member of
the company; for a bid "by nobody with a login", a member who has since left) and, for a
decision, the member of the need's organisation named in the data. The services check every
rule (an open, published need; invited companies only on confidential needs; verified companies
offering their own capabilities; decisions by the need's organisation) and write the history,
so a rule change shows up here as a failing seed, never as demo data the rules forbid. The
emails they write are taken back (quiet.py). Afterwards the seeder back-dates the bid and its
history to the demo's timeline, relative to the need's publication.

Natural key: (need, company), the oldest bid of the pair. A demo bid changed by hand (withdrawn,
edited) is brought back to its demo state on the next run. When somebody has made another
active bid on the same need by hand, the demo bid is left as it is (the database allows one
active bid per company and need).
"""

import contextlib
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from healthmatch.demo import data
from healthmatch.demo.world import DemoWorld
from matching.bids import services
from matching.bids.models import Bid
from needs.listing import bump_listing
from needs.models import Need

State = Bid.State
# When each step happens, as a fraction of the time between the need's publication and now.
CREATED, SUBMITTED, SHORTLISTED, DECIDED = 0.35, 0.5, 0.65, 0.8
HISTORY = ("from_state", "to_state", "actor_id", "note", "created_at")


def seed_bids(world: DemoWorld) -> None:
    for item in data.BIDS:
        seed_bid(world, item)


def seed_bid(world: DemoWorld, item: dict) -> None:
    need = world.needs[item["need"]]
    company = world.orgs[item["company"]]
    author = world.users[item["author"]] if item["author"] else None
    decided_by = world.users[item["decided_by"]] if item["decided_by"] else None
    capabilities = [world.capabilities[(item["company"], t)] for t in item["capabilities"]]
    existing = Bid.objects.filter(need=need, company=company).order_by("created_at", "pk")
    bid = existing.first()
    if bid and item["state"] not in Bid.INACTIVE_STATES:
        if existing.active().exclude(pk=bid.pk).exists():
            return  # a newer active bid made by hand: the demo bid stays as it is
    if bid is None:
        with deadline_as_on_demo_day(world, need):
            bid = play(world, item, need, company, author, decided_by, capabilities)
        bid = world.fresh(world.made(bid))
    steps = timeline(item, need, author, decided_by, world.now)
    times = {to: at for _from, to, _actor, _note, at in steps}
    world.restore(
        bid,
        {
            **content(item),
            "author": author,
            "state": item["state"],
            "feedback": item["feedback"],
            "created_at": steps[0][4],
            "submitted_at": times.get(State.SUBMITTED),
            "decided_at": steps[-1][4] if decided_by else None,
            "decided_by": decided_by,
        },
    )
    world.set_m2m(bid.capabilities, [c.pk for c in capabilities])
    world.replace_history(
        bid.events,
        HISTORY,
        [(fr, to, actor.pk if actor else None, note, at) for fr, to, actor, note, at in steps],
    )
    world.touch(bid, steps[-1][4])


@contextlib.contextmanager
def deadline_as_on_demo_day(world: DemoWorld, need):
    """The services judge the deadline by the clock; the demo world is laid out around its own
    day (``seed_demo --date``). While they act, the need's deadline keeps the distance it has
    from the demo's day, so they see the need as it is on that day."""
    shift = timezone.localdate() - world.today
    deadline = need.response_deadline
    if not shift or deadline is None:
        yield
        return
    Need.objects.filter(pk=need.pk).update(response_deadline=deadline + shift)
    need.response_deadline = deadline + shift
    try:
        yield
    finally:
        Need.objects.filter(pk=need.pk).update(response_deadline=deadline)
        need.response_deadline = deadline
        bump_listing()  # update() sends no post_save; the list shows deadlines


def play(world: DemoWorld, item: dict, need, company, author, decided_by, capabilities) -> Bid:
    """Write the bid and take it to its demo state through the services, as its people."""
    if author is None:
        with world.former_member(company) as former:
            return play_as(world, item, need, company, former, decided_by, capabilities)
    return play_as(world, item, need, company, author, decided_by, capabilities)


def play_as(world, item, need, company, author, decided_by, capabilities) -> Bid:
    state = item["state"]
    bid = services.create_bid(
        need=need,
        company=company,
        author=world.acting(author),
        data=content(item),
        capabilities=capabilities,
        submit=state != State.DRAFT,
    )
    if state == State.ACCEPTED:
        bid = services.shortlist_bid(bid, actor=world.acting(decided_by))
    if state in (State.SHORTLISTED, State.ACCEPTED, State.DECLINED):
        bid = services.decide_bid(
            bid, actor=world.acting(decided_by), state=state, feedback=item["feedback"]
        )
    return bid


def content(item: dict) -> dict:
    """What the company writes in a bid (the bid services' editable fields)."""
    return {
        "summary": item["summary"],
        "solution": item["solution"],
        "evidence": item["evidence"],
        "price_min": money(item["price_min"]),
        "price_max": money(item["price_max"]),
        "currency": item["currency"],
        "timeline": item["timeline"],
    }


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
    steps = [("", State.DRAFT, author, "", at(CREATED))]
    if state == State.DRAFT:
        return steps
    steps.append((State.DRAFT, State.SUBMITTED, author, "", at(SUBMITTED)))
    if state == State.SUBMITTED:
        return steps
    previous = State.SUBMITTED
    if state == State.ACCEPTED:
        steps.append((previous, State.SHORTLISTED, decided_by, "", at(SHORTLISTED)))
        previous = State.SHORTLISTED
    steps.append((previous, state, decided_by, item["feedback"], at(DECIDED)))
    return steps
