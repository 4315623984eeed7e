"""Small constructors that keep the data modules short and check their shape early."""

NEED_STATUSES = ("draft", "submitted", "published", "closed")
CAPABILITY_KINDS = (
    "product",
    "service",
    "competence",
    "research_group",
    "test_bed",
    "trial_unit",
)
CAPABILITY_STATUSES = ("draft", "published", "archived")


def capability(
    company,
    kind,
    title,
    summary,
    description,
    *,
    tech,
    areas,
    settings=(),
    trl=None,
    certs=(),
    refs=(),
    status="published",
):
    """A capability of ``company`` (organisation slug).

    certs: (regulatory item name, certificate reference, valid for N more days or None);
    a negative N is an expired certificate. refs: (customer, what was done, year).
    """
    assert kind in CAPABILITY_KINDS, kind
    assert status in CAPABILITY_STATUSES, status
    return {
        "company": company,
        "kind": kind,
        "title": title,
        "summary": summary,
        "description": description,
        "tech": list(tech),
        "areas": list(areas),
        "settings": list(settings),
        "trl": trl,
        "certs": list(certs),
        "refs": list(refs),
        "status": status,
    }


def need(
    organisation,
    title,
    *,
    summary,
    description,
    pathway,
    affected,
    scale,
    success,
    areas,
    settings,
    tech,
    min_trl=None,
    regulatory=(),
    budget="unknown",
    route="pilot",
    deadline=None,
    status="published",
    language="en",
    region=None,
    confidential=False,
    invite=(),
    returned=False,
    age=None,
):
    """A need of ``organisation`` (slug). ``deadline`` is in days from today (negative: past).

    ``age`` is how many days ago it was first drafted (a default per status otherwise);
    ``returned`` drafts were submitted once and sent back by the coordinator; ``invite`` lists
    the company slugs invited to a confidential need.
    """
    assert status in NEED_STATUSES, status
    assert not invite or confidential, "only confidential needs have invitations"
    return {
        "organisation": organisation,
        "title": title,
        "summary": summary,
        "description": description,
        "care_pathway": pathway,
        "affected_groups": affected,
        "scale": scale,
        "success_criteria": success,
        "areas": list(areas),
        "settings": list(settings),
        "tech": list(tech),
        "min_trl": min_trl,
        "regulatory": list(regulatory),
        "budget_band": budget,
        "route": route,
        "deadline": deadline,
        "status": status,
        "language": language,
        "region": region,
        "is_confidential": confidential,
        "invite": list(invite),
        "returned": returned,
        "age": age,
    }


def company(slug, name, hub, country, **fields):
    """A company organisation with its profile. Websites use the reserved .example domain.

    contacts: (name, role, email, phone); regions: default Region names; languages: codes;
    kind: "company", or "research" for a university or research institute.
    """
    fields.setdefault("website", f"https://www.{slug}.example/")
    fields.setdefault("sme", True)
    fields.setdefault("verified", True)
    fields.setdefault("kind", "company")
    return {"slug": slug, "name": name, "hub": hub, "country": country, **fields}


def research_organisation(slug, name, hub, country, **fields):
    """A university or research institute: a providing organisation like a company, not an
    SME."""
    return company(slug, name, hub, country, kind="research", sme=False, **fields)


BID_STATES = ("draft", "submitted", "shortlisted", "accepted", "declined")
DECIDED_STATES = ("shortlisted", "accepted", "declined")


def bid(
    need,
    company,
    state,
    *,
    summary,
    solution,
    evidence="",
    capabilities=(),
    price=None,
    currency="DKK",
    timeline="",
    author=None,
    decided_by=None,
    feedback="",
):
    """A bid of ``company`` (organisation slug) on the need titled ``need``.

    capabilities: titles of the company's own capabilities; price: (from, to) or None;
    author: email of the company member who wrote it (None: nobody with a login);
    decided_by: email of the need organisation's member who shortlisted, accepted or declined
    it, with ``feedback`` to the company. An accepted bid was shortlisted first.
    """
    assert state in BID_STATES, state
    assert (decided_by is not None) == (state in DECIDED_STATES), (need, state)
    assert not feedback or decided_by, "only a decision carries feedback"
    assert price is None or price[0] <= price[1], price
    return {
        "need": need,
        "company": company,
        "state": state,
        "summary": summary,
        "solution": solution,
        "evidence": evidence,
        "capabilities": list(capabilities),
        "price_min": price[0] if price else None,
        "price_max": price[1] if price else None,
        "currency": currency,
        "timeline": timeline,
        "author": author,
        "decided_by": decided_by,
        "feedback": feedback,
    }
