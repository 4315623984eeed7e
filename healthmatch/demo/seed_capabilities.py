"""Load the demo capabilities (healthmatch/demo/capabilities_*.py) through the company services.

A new demo capability is drafted by a member of its company (the demo company login) or, for
the companies without a login, by a coordinator of the company's hub, who may edit them too
(``companies.services.create_capability``), then published and archived by the same services,
so their rules hold (only verified companies publish). The seeder then back-dates it and writes
its certifications and references. A capability changed by hand is brought back to its demo
state on the next run.
"""

import datetime as dt

from companies import services
from companies.models import Capability, CapabilityReference, Certification
from healthmatch.accounts.models import CareSetting, ClinicalArea, RegulatoryItem, TechnologyType
from healthmatch.demo import data
from healthmatch.demo.phrases import capability_description, stable_days
from healthmatch.demo.world import DemoWorld

Status = Capability.Status


def seed_capabilities(world: DemoWorld) -> None:
    for item in data.CAPABILITIES:
        seed_capability(world, item)


def seed_capability(world: DemoWorld, item: dict) -> None:
    profile = world.profiles[item["company"]]
    created = world.at(stable_days(item["title"], 40, 400))
    listed = item["status"] != Status.DRAFT
    fields = {
        "kind": item["kind"],
        "title": item["title"],
        "summary": item["summary"],
        "description": capability_description(item),
        "trl": item["trl"],
    }
    tags = {
        "technology_types": world.term_pks(TechnologyType, item["tech"]),
        "clinical_areas": world.term_pks(ClinicalArea, item["areas"]),
        "care_settings": world.term_pks(CareSetting, item["settings"]),
    }
    capability = Capability.objects.filter(company=profile, title=item["title"]).first()
    if capability is None:
        capability = world.fresh(world.made(play(world, item, profile, fields, tags)))
    world.restore(
        capability,
        {
            **fields,
            "created_by": world.authors.get(item["company"]),
            "status": item["status"],
            "created_at": created,
            "published_at": created + dt.timedelta(days=3) if listed else None,
        },
    )
    world.touch(capability, capability.published_at or created)
    world.capabilities[(item["company"], item["title"])] = capability
    for name, pks in tags.items():
        world.set_m2m(getattr(capability, name), pks)
    cert_items = world.term_pks(RegulatoryItem, [cert[0] for cert in item["certs"]])
    for (_name, reference, valid_days), item_pk in zip(item["certs"], cert_items, strict=True):
        valid_until = None
        if valid_days is not None:
            valid_until = world.today + dt.timedelta(days=valid_days)
        world.upsert(
            Certification,
            {"capability": capability, "item_id": item_pk},
            {"reference": reference, "valid_until": valid_until},
        )
    for customer, what, year in item["refs"]:
        world.upsert(
            CapabilityReference,
            {"capability": capability, "customer": customer},
            {"description": what, "year": year},
        )


def play(world: DemoWorld, item: dict, profile, fields: dict, tags: dict) -> Capability:
    """Draft the capability and take it to its demo status through the services."""
    organisation = profile.organisation
    actor = world.authors.get(item["company"]) or world.coordinator_of(organisation)
    actor = world.acting(actor)
    capability = services.create_capability(profile, actor=actor, data=fields, m2m=tags)
    if item["status"] in (Status.PUBLISHED, Status.ARCHIVED):
        services.publish_capability(capability, actor=actor, bulk=True)
    if item["status"] == Status.ARCHIVED:
        services.archive_capability(capability, actor=actor, bulk=True)
    return capability
