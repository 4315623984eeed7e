"""The drills' hands inside the stage: ``python -m healthmatch.bench.drills.agent <step> ...``
runs with the stage's environment (its database, Redis and SMTP sink) and prints one JSON line.

Steps: ``world`` (needs, companies with capabilities, a batch of emails), ``status`` (the
outbox by state, runs in progress, matches), ``converge`` (the matches now against what an
uninterrupted full run produces from the same data), ``write`` (the outage drill's writer: one
transaction after another, each a need and its email) and ``writes`` (what the writer left).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

import django

TOPICS = [
    ("fall detection at night on the geriatric ward", "radar sensor fall alarm night"),
    ("remote monitoring of heart failure patients at home", "telemonitoring heart weight"),
    ("medication reminders for people with dementia", "dementia medication dispenser"),
    ("pressure ulcer prevention in nursing homes", "pressure ulcer mattress sensor"),
    ("video consultations for rehabilitation after stroke", "video rehabilitation stroke"),
    ("hand hygiene compliance in intensive care", "hand hygiene dispenser compliance"),
    ("logistics of sterile instruments between theatres", "sterile instruments tracking"),
    ("wound photography and documentation by nurses", "wound photo documentation app"),
]
# Words drawn at random into every text, so that no two needs or capabilities read alike and
# scores rarely tie (tied candidates at the edge of a top list may swap between runs).
WORDS = (
    "alarm app bed bladder blood bone cancer care catheter chronic clinic cognitive dementia "
    "diabetes dialysis discharge dispenser elderly emergency epilepsy exercise eye fall fracture "
    "gait glucose hearing heart home hospital hygiene infection insulin kidney lung medication "
    "memory mobility monitoring nurse nutrition oxygen pain patient physiotherapy pressure "
    "pulse radar rehabilitation remote robot screening sensor skin sleep speech sterile stroke "
    "surgery telehealth therapy tracking ulcer ultrasound video vital walking ward weight wound "
    "xray triage pharmacy logistics scheduling transport lifting toilet shower bedsore"
).split()
SINK = "drills.healthmatch.invalid"
TOLERANCE = 0.0  # a score that changes at all counts as differing


def world(args) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from companies.models import Capability, CompanyProfile
    from healthmatch.accounts.models import Hub, Membership, Organisation, User
    from healthmatch.mail.services import enqueue_rendered
    from matching.notify.models import NotificationPreference
    from needs.models import Need

    rng = random.Random(args.seed)  # noqa: S311 (test data)
    now = timezone.now()
    hub = Hub.objects.create(name="Drills", slug="drills")
    hospital = Organisation.objects.create(
        name="Drill hospital", slug="drill-hospital", kind=Organisation.Kind.HOSPITAL, hub=hub,
        verified_at=now,
    )  # fmt: skip
    Need.objects.bulk_create(
        Need(
            organisation=hospital,
            hub=hub,
            status=Need.Status.PUBLISHED,
            published_at=now,
            title=f"Need {n}: {TOPICS[n % len(TOPICS)][0]}",
            summary=f"{TOPICS[n % len(TOPICS)][1]} {' '.join(rng.sample(WORDS, 4))}",
            description=f"{rng.choice(TOPICS)[0]}: {' '.join(rng.sample(WORDS, 12))}",
        )  # fmt: skip
        for n in range(args.needs)
    )
    password = make_password(None)
    for n in range(args.companies):
        company = Organisation.objects.create(
            name=f"Drill company {n}", slug=f"drill-company-{n}",
            kind=Organisation.Kind.COMPANY, hub=hub, verified_at=now,
        )  # fmt: skip
        person = User.objects.create(email=f"company-{n}@{SINK}", name=f"Company {n}",
                                     password=password)  # fmt: skip
        Membership.objects.create(
            user=person, organisation=company, role=Membership.Role.ADMIN,
            status=Membership.Status.ACTIVE,
        )  # fmt: skip
        # Match emails at once, not in a digest: the drills see them within seconds.
        NotificationPreference.objects.create(
            user=person, frequency=NotificationPreference.Frequency.IMMEDIATELY
        )
        profile = CompanyProfile.objects.create(organisation=company)
        topic = TOPICS[n % len(TOPICS)]
        Capability.objects.create(
            company=profile, status=Capability.Status.PUBLISHED, published_at=now,
            title=f"{topic[1].title()} {' '.join(rng.sample(WORDS, 2))}",
            description=f"We solve {topic[0]}: {' '.join(rng.sample(WORDS, 12))}.",
        )  # fmt: skip
    # The batch of emails, enqueued as any event does (kicked after commit).
    for n in range(args.emails):
        enqueue_rendered(
            key=f"drill-batch-{n}", kind="drill", to=f"person-{n}@{SINK}",
            subject=f"Drill message {n}", text=f"Message {n} of the drill's batch.",
        )  # fmt: skip
    return {"needs": args.needs, "companies": args.companies, "emails": args.emails}


def status(args) -> dict:
    from django.db.models import Count

    from healthmatch.mail.models import OutboxMessage
    from matching.models import Match
    from matching.runs.models import MatchRun

    states = dict(
        OutboxMessage.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return {
        "outbox": states,
        "outbox_rows": sum(states.values()),
        "runs_running": MatchRun.objects.filter(state=MatchRun.State.RUNNING).count(),
        "runs_done": MatchRun.objects.filter(state=MatchRun.State.DONE).count(),
        "matches": Match.objects.count(),
        "message_ids": dict(OutboxMessage.objects.values_list("message_id", "state"))
        if args.ids
        else None,
    }


def rescore(args) -> dict:
    """Queue a full scoring run on the stage's broker, as beat's nightly entry does."""
    from matching.tasks import rescore_full

    rescore_full.delay()
    return {"queued": "rescore_full"}


def people(args) -> dict:
    """Logins for the load drill: every active member of a hospital, municipality or company
    gets a new random password (the stage's database is thrown away after the drill)."""
    import secrets

    from healthmatch.accounts.models import Membership, Organisation, User

    kinds = {
        Organisation.Kind.HOSPITAL: "hospital",
        Organisation.Kind.MUNICIPALITY: "hospital",
        Organisation.Kind.REGION: "hospital",
        Organisation.Kind.COMPANY: "company",
    }
    logins = {}
    for membership in Membership.objects.filter(
        status=Membership.Status.ACTIVE, organisation__kind__in=list(kinds)
    ).select_related("user", "organisation"):
        email = membership.user.email
        if email not in logins and membership.user.is_active:
            logins[email] = {"email": email, "kind": kinds[membership.organisation.kind]}
    for user in User.objects.filter(email__in=logins):
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        logins[user.email]["password"] = password
    return {"people": list(logins.values())}


def _snapshot() -> dict:
    from matching.models import Match

    return {
        (need, capability): round(score, 6)
        for need, capability, score in Match.objects.exclude(
            status=Match.Status.RETIRED
        ).values_list("need_id", "capability_id", "score")
    }


def converge(args) -> dict:
    """The matches as the drill left them, then a full run in this process with nothing
    interrupting it, from the same data, split into the same chunks as on the worker. A pair
    kept in both differs when its score changed, and pairs kept by only one differ unless the
    scores as a whole are the same: pairs with equal scores at the edge of a top list may swap
    between runs (the engine keeps either of two tied candidates), counted apart as
    ``tied_pairs_swapped``."""
    from matching.runs import rescore

    def in_turn(run, chunks):
        """The worker's path (the same chunks, each scored on its own), one after another."""
        for side, first, last in chunks:
            rescore.run_chunk(run.pk, side, first, last)

    before = _snapshot()
    run = rescore.rescore(full=True, dispatch=in_turn)
    if run is not None:
        run.refresh_from_db()
    after = _snapshot()

    changed = [abs(before[pair] - score) for pair, score in after.items() if pair in before]
    # Swapped ties leave the scores as a whole the same; anything else changes them.
    same_scores = sorted(before.values()) == sorted(after.values())
    swapped = len(before.keys() - after.keys())
    return {
        "matches": len(before),
        "reference_matches": len(after),
        "differing": sum(1 for change in changed if change > TOLERANCE)
        + (0 if same_scores else max(swapped, 1)),
        "tied_pairs_swapped": swapped if same_scores else 0,
        "reference_run": run.state if run else None,
        "largest_score_change": max(changed, default=0.0),
    }


def write(args) -> dict:
    """One transaction after another until ``--seconds`` pass, each a published need and the
    email announcing it. Before each try its number goes to ``<out>.tried``; after a commit
    returned, to ``<out>.committed`` (flushed to disk), so a crash of this process loses no
    record of a commit it saw. Errors (the database or Redis away) are counted and retried."""
    from django.db import close_old_connections, connection, transaction
    from django.utils import timezone

    from healthmatch.accounts.models import Organisation
    from healthmatch.mail.services import enqueue_rendered
    from needs.models import Need

    hospital = Organisation.objects.get(slug="drill-hospital")
    deadline = time.monotonic() + args.seconds
    tried = open(f"{args.out}.tried", "a")  # noqa: SIM115
    committed = open(f"{args.out}.committed", "a")  # noqa: SIM115
    counts = {"committed": 0, "errors": 0}
    n = args.start
    while time.monotonic() < deadline:
        n += 1
        tried.write(f"{n}\n")
        tried.flush()
        try:
            with transaction.atomic():
                need = Need.objects.create(
                    organisation=hospital, hub=hospital.hub, status=Need.Status.PUBLISHED,
                    published_at=timezone.now(), title=f"Written need {n}", summary="Drill.",
                    description="Written during the outage drill.",
                )  # fmt: skip
                enqueue_rendered(
                    key=f"drill-write-{n}", kind="drill", to=f"writer-{n}@{SINK}",
                    subject=f"Need {need.pk} published", text=f"Written need {n}.",
                )  # fmt: skip
        except Exception:  # noqa: BLE001 (any outage: count it, reconnect, go on)
            counts["errors"] += 1
            connection.close()
            time.sleep(0.2)
            close_old_connections()
            continue
        committed.write(f"{n}\n")
        committed.flush()
        os.fsync(committed.fileno())
        counts["committed"] += 1
        time.sleep(args.pause)
    return counts


def writes(args) -> dict:
    """What the writer's transactions left: committed ones missing a row (lost), and any tried
    one with its need but not its email or the other way round (half-written)."""
    from healthmatch.mail.models import OutboxMessage
    from needs.models import Need

    def numbers(suffix):
        try:
            with open(f"{args.out}.{suffix}") as lines:
                return {int(line) for line in lines if line.strip()}
        except FileNotFoundError:
            return set()

    tried, committed = numbers("tried"), numbers("committed")
    needs = {
        int(title.rsplit(" ", 1)[1])
        for title in Need.objects.filter(title__startswith="Written need ").values_list(
            "title", flat=True
        )
    }
    emails = {
        int(key.rsplit("-", 1)[1])
        for key in OutboxMessage.objects.filter(key__startswith="drill-write-").values_list(
            "key", flat=True
        )
    }
    return {
        "tried": len(tried),
        "committed": len(committed),
        "lost": len(committed - (needs & emails)),
        "half_written": len(needs ^ emails),
        "in_doubt_kept": len((tried - committed) & needs & emails),
    }


def main(argv=None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthmatch.settings")
    django.setup()
    parser = argparse.ArgumentParser(prog="agent")
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("world")
    step.add_argument("--needs", type=int, default=200)
    step.add_argument("--companies", type=int, default=200)
    step.add_argument("--emails", type=int, default=1000)
    step.add_argument("--seed", type=int, default=0)
    step = steps.add_parser("status")
    step.add_argument("--ids", action="store_true")
    steps.add_parser("converge")
    steps.add_parser("rescore")
    steps.add_parser("people")
    step = steps.add_parser("write")
    step.add_argument("--seconds", type=float, required=True)
    step.add_argument("--out", required=True)
    step.add_argument("--start", type=int, default=0)
    step.add_argument("--pause", type=float, default=0.05)
    step = steps.add_parser("writes")
    step.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    result = {"world": world, "status": status, "converge": converge, "write": write,
              "writes": writes, "rescore": rescore, "people": people}[args.step](args)  # fmt: skip
    sys.stdout.write(json.dumps(result, default=str) + "\n")


if __name__ == "__main__":
    main()
