"""The load drill (issue 14): simulated people using the site through its pages for a while,
with every request timed and every failure counted.

Each simulated person is a thread with its own cookie jar (so its own session), signed in once
through the real allauth login form, who then repeats: think for 0.5 to 2 s, then do one thing
a person of their kind does. Targets are found the way a person finds them, by following the
links and posting the forms of the pages they have just seen (``load_html``), never by ids known
in advance; forms go back with their CSRF token and their one-time token. Several simulated
people may share a login (round robin over ``people``); each still has its own session.

Why these weights. Reading dominates: people on a marketplace look far more than they write,
so about five in six company actions and nine in ten hospital actions are page views. Companies
come to find needs: the needs list, its pages, filters and search, and a need's page make up
two thirds of what they do, the dashboard ("needs for you") and their bids most of the rest.
Hospitals come to follow their own needs: the dashboard, their need's page with the suggested
companies, the bids it received and the matches. The writes are the ones that take locks and
one-time tokens: answering a match (interested more often than not relevant, as a suggestion
is meant to be plausible) and bidding (draft or straight submission). A second bid of the same
company on a need is refused with a form error (several simulated people share a company): that
is the site's answer, counted as refused, not as an error.

An error is a connection failure or timeout, any 5xx, any 4xx (none is expected from these
pages and forms), a signed-in page sending the person back to the login page, or a login that
does not end signed in.

allauth limits logins to 30 a minute per address (ACCOUNT_RATE_LIMITS). Against a server on this
machine each simulated person connects from its own loopback address (127.0.x.y, Linux answers
on all of 127/8), as 50 people at their own desks would; logins are also spread over the first
tenth of the run (at most 10 s). Against another machine all come from one address: more than
25 simulated people there would run into the limit, and the drill says so before it starts.
The limit itself is never switched off. Secure cookies are sent back over plain HTTP to this
machine only (a local server run with production settings, TLS being the proxy's job)."""

import math
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

from healthmatch.bench.drills.load_http import Browser, can_bind, loopback_ipv4, source_address
from healthmatch.bench.drills.load_people import COMPANY, HOSPITAL, Sample, SimUser

WEIGHTS = {
    COMPANY: {
        "browse_needs": 16,
        "page_needs": 8,
        "filter_needs": 10,
        "search_needs": 12,
        "need_detail": 20,
        "dashboard": 10,
        "match_detail": 4,
        "my_bids": 4,
        "answer_match": 8,
        "bid": 8,
    },
    HOSPITAL: {
        "dashboard": 25,
        "need_detail": 25,
        "need_bids": 12,
        "bid_detail": 6,
        "match_detail": 8,
        "answer_match": 10,
        "browse_needs": 8,
        "search_needs": 6,
    },
}
ONE_ADDRESS_LOGINS = 25  # under allauth's 30 a minute per address


# --- Figures ----------------------------------------------------------------------------------


def _percentile(ordered: list[float], share: float) -> float:
    """Nearest rank: the smallest latency at least ``share`` of the requests did not exceed."""
    if not ordered:
        return 0.0
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)], 1)


def _figures(samples: list[Sample]) -> dict:
    ordered = sorted(s.ms for s in samples if s.is_request)
    return {
        "requests": len(ordered),
        "errors": sum(1 for s in samples if s.error),
        "p50_ms": _percentile(ordered, 0.50),
        "p95_ms": _percentile(ordered, 0.95),
        "p99_ms": _percentile(ordered, 0.99),
    }


def _weights_for(kind: str, weights: dict | None) -> dict:
    chosen = dict((weights or {}).get(kind) or WEIGHTS[kind])
    unknown = set(chosen) - set(WEIGHTS[kind])
    if unknown:
        raise ValueError(f"unknown {kind} actions: {', '.join(sorted(unknown))}")
    return {name: weight for name, weight in chosen.items() if weight > 0}


def run(
    base_url: str,
    people: list[dict],
    *,
    users: int = 50,
    seconds: float = 120,
    seed: int = 0,
    say=print,
    weights: dict | None = None,
    timeout: float = 30.0,
) -> dict:
    """Run ``users`` simulated people against ``base_url`` for ``seconds`` and return the
    figures (see the module's docstring). ``people`` are the logins, ``{"email", "password",
    "kind": "company" | "hospital"}``, shared round robin; ``weights`` replaces the action mix
    of a kind (``{"company": {"bid": 1, ...}}``); ``timeout`` is per request, in seconds.

    The figures: ``requests``, ``errors``, up to five ``error_samples`` ("METHOD path ->
    status"), ``per_second``, ``p50_ms``/``p95_ms``/``p99_ms`` over every request, the same per
    action under ``actions`` (a redirect followed is a request of the action that caused it),
    ``signed_in`` (people whose login ended signed in), ``writes`` (bids made, bid forms shown
    again with an error, match answers sent), ``skipped`` (actions that found nothing to act
    on), ``elapsed_s``."""
    if users < 1 or not people:
        raise ValueError("the load needs at least one simulated user and one login")
    for person in people:
        if person.get("kind") not in WEIGHTS:
            raise ValueError(f"unknown kind of login: {person.get('kind')!r}")
    base_url = base_url.rstrip("/") + "/"
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"the load needs an http or https address, not {base_url!r}")
    server_ip = loopback_ipv4(parts.hostname or "") if parts.scheme == "http" else None
    own_addresses = server_ip is not None and can_bind(source_address(users - 1))
    if not own_addresses and users > ONE_ADDRESS_LOGINS:
        say(
            f"note: {users} logins come from one address; allauth allows 30 a minute per "
            "address, so some may be refused (429): run the drill on the server's machine"
        )
    mixes = {kind: _weights_for(kind, weights) for kind in WEIGHTS}
    started = time.monotonic()
    ramp = min(seconds / 10, 10.0)
    sims = [
        SimUser(
            index,
            people[index % len(people)],
            base_url,
            browser=Browser(
                timeout=timeout,
                server_ip=server_ip,
                source_ip=source_address(index) if own_addresses else None,
            ),
            seed=seed,
            weights=mixes[people[index % len(people)]["kind"]],
            start_at=started + ramp * index / users,
            deadline=started + seconds,
        )
        for index in range(users)
    ]
    threads = [
        threading.Thread(target=sim.run, name=f"load-{sim.index}", daemon=True) for sim in sims
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    samples = [sample for sim in sims for sample in sim.samples]
    written = sum((sim.written for sim in sims), Counter())
    skipped = sum((sim.skipped for sim in sims), Counter())
    actions = {
        name: _figures([s for s in samples if s.action == name])
        for name in sorted({s.action for s in samples})
    }
    total = _figures(samples)
    result = {
        "users": users,
        "seconds": seconds,
        "elapsed_s": round(elapsed, 1),
        **total,
        "error_samples": [s.describe() for s in samples if s.error][:5],
        "per_second": round(total["requests"] / elapsed, 1) if elapsed else 0.0,
        "signed_in": sum(1 for sim in sims if sim.signed_in),
        "writes": {key: written[key] for key in ("bids_made", "bids_refused", "answers_sent")},
        "skipped": dict(skipped),
        "actions": actions,
    }
    for name, figures in actions.items():
        say(
            f"  {name:<13} {figures['requests']:>6} requests {figures['errors']:>4} errors   "
            f"p50 {figures['p50_ms']:>7.1f} ms   p95 {figures['p95_ms']:>7.1f} ms   "
            f"p99 {figures['p99_ms']:>7.1f} ms"
        )
    say(
        f"load: {users} users for {elapsed:.0f} s, {result['signed_in']} signed in: "
        f"{total['requests']} requests ({result['per_second']}/s), {total['errors']} errors; "
        f"p50 {total['p50_ms']} ms, p95 {total['p95_ms']} ms, p99 {total['p99_ms']} ms; "
        f"{written['bids_made']} bids made ({written['bids_refused']} refused), "
        f"{written['answers_sent']} match answers sent"
    )
    for line in result["error_samples"]:
        say(f"  error: {line}")
    return result
