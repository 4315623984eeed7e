"""Load the demo world into the database.

Idempotent: every row is found by a natural key (slug, email, title within its organisation or
company, the pair for links) and only written when it differs, so a second run on the same day
changes nothing. Dates are relative to ``today`` (deadlines stay in the future on a later run).
Seeded rows are brought back to their demo state; rows added by hand are left alone.

Uses the ORM directly, not the apps' services, and keeps what the services keep consistent:
need.hub is the organisation's hub, published needs have published_at, every need has a
status history (NeedStatusChange) that ends in its current status. Bids are loaded the same
way (seed_bids.py), so the demo writes nothing to the email outbox.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from companies.models import (
    Capability,
    CapabilityReference,
    Certification,
    CompanyProfile,
    ContactPerson,
)
from healthmatch.accounts.models import (
    CareSetting,
    ClinicalArea,
    Hub,
    Membership,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
    User,
)
from healthmatch.accounts.roles import COORDINATORS_GROUP
from healthmatch.accounts.taxonomy_defaults import load_defaults
from healthmatch.demo import data
from healthmatch.demo.phrases import capability_description, stable_days
from healthmatch.demo.seed_bids import seed_bids
from needs.models import Need, NeedInvitation, NeedStatusChange

DEFAULT_AGE = {"draft": 6, "submitted": 10, "published": 30, "closed": 180}
PUBLISH_COMMENT = "Checked by the hub coordinator and published."
RETURN_COMMENT = (
    "Thank you! Before we publish: please describe the expected volume and how you will "
    "measure success, so companies can judge whether they fit."
)
PENDING_MESSAGE = (
    "I run the falls prevention group in Geriatrics and would like to follow our needs."
)


@dataclass
class SeedResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    links: Counter = field(default_factory=Counter)  # many-to-many sets (tags, coordinators)

    @property
    def changes(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.links.values())


def seed_demo(today: dt.date | None = None) -> SeedResult:
    """Create or refresh the demo world in one transaction. Returns what was written."""
    with transaction.atomic():
        return DemoSeeder(today or timezone.localdate()).run()


class DemoSeeder:
    def __init__(self, today: dt.date):
        self.today = today
        self.now = timezone.make_aware(dt.datetime.combine(today, dt.time(9, 0)))
        self.result = SeedResult()
        self.hubs: dict[str, Hub] = {}
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.profiles: dict[str, CompanyProfile] = {}
        self.authors: dict[str, User] = {}  # organisation slug -> who writes its needs
        self.hub_coordinator: dict[str, User] = {}  # hub slug -> who publishes its needs
        self.capabilities: dict[tuple[str, str], Capability] = {}  # (company slug, title)
        self.needs: dict[str, Need] = {}  # title -> need

    def run(self) -> SeedResult:
        load_defaults(apps)
        self.terms = {
            model: dict(model.objects.values_list("slug", "pk"))
            for model in (ClinicalArea, CareSetting, TechnologyType, RegulatoryItem, Region)
        }
        self.coordinators_group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
        self.seed_hubs()
        self.seed_people()
        self.seed_buyers()
        self.seed_memberships()
        self.seed_companies()
        self.seed_capabilities()
        self.seed_needs()
        seed_bids(self)
        return self.result

    # --- helpers ------------------------------------------------------------------------------
    def at(self, days_ago: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days_ago)

    def upsert(self, model, lookup: dict, values: dict):
        """Find by ``lookup``; create, or save only the fields that differ from ``values``."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.result.created[model.__name__] += 1
            obj = model.objects.create(**lookup, **values)
            obj.demo_created = True
            return obj
        changed = []
        for name, value in values.items():
            model_field = model._meta.get_field(name)
            if model_field.is_relation:
                current, wanted = getattr(obj, model_field.attname), getattr(value, "pk", value)
            else:
                current, wanted = getattr(obj, name), value
            if current != wanted:
                setattr(obj, name, value)
                changed.append(model_field.name)
        if changed:
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                changed.append("updated_at")
            obj.save(update_fields=changed)
            self.result.updated[model.__name__] += 1
        return obj

    def touch(self, obj, updated_at: dt.datetime) -> None:
        """Backdate auto_now ``updated_at`` so lists ordered by it look lived-in."""
        if obj.updated_at != updated_at:
            type(obj).objects.filter(pk=obj.pk).update(updated_at=updated_at)
            obj.updated_at = updated_at
            if not getattr(obj, "demo_created", False):
                self.result.updated[f"{type(obj).__name__} date"] += 1

    def set_m2m(self, manager, pks) -> None:
        wanted = set(pks)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.result.links[manager.model.__name__] += 1

    def term_pks(self, model, names) -> list[int]:
        pks = []
        for name in names:
            slug = slugify(name)[:120]
            if slug not in self.terms[model]:
                raise ValueError(f"Unknown {model.__name__} in the demo data: {name!r}")
            pks.append(self.terms[model][slug])
        return pks

    def region_pk(self, name: str | None) -> int | None:
        return self.term_pks(Region, [name])[0] if name else None

    # --- hubs and people ----------------------------------------------------------------------
    def natural_key(self, model, slug: str, **same_name) -> dict:
        """Find by slug; else adopt a row with the same name made by hand, keeping its slug."""
        if model.objects.filter(slug=slug).exists():
            return {"slug": slug}
        twin = model.objects.filter(**same_name).first()
        return {"pk": twin.pk} if twin else {"slug": slug}

    def seed_hubs(self) -> None:
        for item in data.HUBS:
            self.hubs[item["slug"]] = self.upsert(
                Hub,
                self.natural_key(Hub, item["slug"], name__iexact=item["name"]),
                {
                    "name": item["name"],
                    "description": item["description"],
                    "website": item["website"],
                },
            )

    def user(self, item: dict, *, can_log_in: bool) -> User:
        email = item["email"].lower()
        values = {
            "name": item["name"],
            "job_title": item.get("job_title", ""),
            "is_active": True,
            "is_staff": bool(item.get("staff")),
            "is_superuser": bool(item.get("superuser")),
        }
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, **values)
            if can_log_in:
                user.set_password(data.DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
            self.result.created["User"] += 1
        else:
            user = self.upsert(User, {"email": email}, values)
            if can_log_in and not user.check_password(data.DEMO_PASSWORD):
                user.set_password(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
                self.result.updated["User password"] += 1
        self.upsert(
            EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True}
        )
        for hub_slug in item.get("coordinates", ()):
            hub = self.hubs[hub_slug]
            if not hub.coordinators.filter(pk=user.pk).exists():
                hub.coordinators.add(user)
                self.result.links["Hub coordinators"] += 1
            self.hub_coordinator.setdefault(hub_slug, user)
        in_group = user.groups.filter(pk=self.coordinators_group.pk).exists()
        if item.get("coordinates") and not in_group:
            user.groups.add(self.coordinators_group)
            self.result.links["Group members"] += 1
        self.users[email] = user
        return user

    def seed_people(self) -> None:
        for item in data.DEMO_LOGINS:
            self.user(item, can_log_in=True)
        for item in data.HUB_COORDINATORS:
            self.user({**item, "staff": True}, can_log_in=False)
        for item in data.BUYER_STAFF:
            self.user(item, can_log_in=False)
        self.admin = self.users["admin@demo.healthmatch.local"]

    # --- organisations --------------------------------------------------------------------------
    def organisation(self, item: dict, kind: str) -> Organisation:
        verified = item.get("verified", True)
        hub = self.hubs[item["hub"]]
        org = self.upsert(
            Organisation,
            self.natural_key(Organisation, item["slug"], name__iexact=item["name"], kind=kind),
            {
                "name": item["name"],
                "kind": kind,
                "hub": hub,
                "country": item["country"],
                "website": item["website"],
                "description": item["description"],
                "created_at": self.at(stable_days(item["slug"], 400, 700)),
                "verified_at": self.at(stable_days(item["slug"], 200, 390)) if verified else None,
                "verified_by": self.hub_coordinator.get(item["hub"], self.admin)
                if verified
                else None,
            },
        )
        self.orgs[item["slug"]] = org
        return org

    def seed_buyers(self) -> None:
        for item in data.BUYERS:
            self.organisation(item, item["kind"])

    def membership(self, user, org_slug, role, status="active") -> None:
        self.upsert(
            Membership,
            {"user": user, "organisation": self.orgs[org_slug]},
            {
                "role": role,
                "status": status,
                "message": PENDING_MESSAGE if status == "pending" else "",
            },
        )

    def seed_memberships(self) -> None:
        """Buyer memberships now; the demo company login joins its company in seed_companies."""
        buyer_slugs = {b["slug"] for b in data.BUYERS}
        for item in data.DEMO_LOGINS:
            if item.get("organisation") in buyer_slugs:
                user = self.users[item["email"]]
                self.membership(user, item["organisation"], item["org_role"])
                self.authors[item["organisation"]] = user
        for item in data.BUYER_STAFF:
            user = self.users[item["email"]]
            status = item.get("status", "active")
            self.membership(user, item["organisation"], item["role"], status)
            if status == "active":
                self.authors.setdefault(item["organisation"], user)

    # --- companies and capabilities ------------------------------------------------------------
    def seed_companies(self) -> None:
        for item in data.COMPANIES:
            org = self.organisation(item, Organisation.Kind.COMPANY)
            profile = self.upsert(
                CompanyProfile,
                {"organisation": org},
                {
                    "tagline": item["tagline"],
                    "is_sme": item["sme"],
                    "employees": item["employees"],
                    "founded_year": item["founded"],
                    "languages": item["languages"],
                },
            )
            self.set_m2m(profile.regions_served, self.term_pks(Region, item["regions"]))
            for name, role, email, phone in item["contacts"]:
                self.upsert(
                    ContactPerson,
                    {"company": profile, "email": email},
                    {"name": name, "role": role, "phone": phone},
                )
            self.profiles[item["slug"]] = profile
        for item in data.DEMO_LOGINS:
            if item.get("organisation") in self.profiles:
                user = self.users[item["email"]]
                self.membership(user, item["organisation"], item["org_role"])
                self.authors[item["organisation"]] = user

    def seed_capabilities(self) -> None:
        for item in data.CAPABILITIES:
            profile = self.profiles[item["company"]]
            created = self.at(stable_days(item["title"], 40, 400))
            listed = item["status"] != Capability.Status.DRAFT
            capability = self.upsert(
                Capability,
                {"company": profile, "title": item["title"]},
                {
                    "created_by": self.authors.get(item["company"]),
                    "kind": item["kind"],
                    "summary": item["summary"],
                    "description": capability_description(item),
                    "trl": item["trl"],
                    "status": item["status"],
                    "created_at": created,
                    "published_at": created + dt.timedelta(days=3) if listed else None,
                },
            )
            self.touch(capability, capability.published_at or created)
            self.capabilities[(item["company"], item["title"])] = capability
            self.set_m2m(capability.technology_types, self.term_pks(TechnologyType, item["tech"]))
            self.set_m2m(capability.clinical_areas, self.term_pks(ClinicalArea, item["areas"]))
            self.set_m2m(capability.care_settings, self.term_pks(CareSetting, item["settings"]))
            cert_items = self.term_pks(RegulatoryItem, [cert[0] for cert in item["certs"]])
            for (_name, reference, valid_days), item_pk in zip(
                item["certs"], cert_items, strict=True
            ):
                valid_until = None
                if valid_days is not None:
                    valid_until = self.today + dt.timedelta(days=valid_days)
                self.upsert(
                    Certification,
                    {"capability": capability, "item_id": item_pk},
                    {"reference": reference, "valid_until": valid_until},
                )
            for customer, what, year in item["refs"]:
                self.upsert(
                    CapabilityReference,
                    {"capability": capability, "customer": customer},
                    {"description": what, "year": year},
                )

    # --- needs --------------------------------------------------------------------------------
    def seed_needs(self) -> None:
        regions = {buyer["slug"]: buyer["region"] for buyer in data.BUYERS}
        for item in data.NEEDS:
            org = self.orgs[item["organisation"]]
            author = self.authors[item["organisation"]]
            coordinator = self.hub_coordinator.get(org.hub.slug, self.admin)
            steps = self.timeline(item, author, coordinator)
            times = {to: at for _from, to, _actor, _comment, at in steps}
            status = item["status"]
            deadline = item["deadline"]
            need = self.upsert(
                Need,
                {"organisation": org, "title": item["title"]},
                {
                    "hub": org.hub,
                    "created_by": author,
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
                        self.today + dt.timedelta(days=deadline) if deadline is not None else None
                    ),
                    "language": item["language"],
                    "region_id": self.region_pk(item["region"] or regions[item["organisation"]]),
                    "is_confidential": item["is_confidential"],
                    "status": status,
                    "coordinator_comment": RETURN_COMMENT if item["returned"] else "",
                    "created_at": steps[0][4],
                    "submitted_at": times.get("submitted") if status != "draft" else None,
                    "published_at": times.get("published"),
                    "closed_at": times.get("closed"),
                },
            )
            self.set_m2m(need.clinical_areas, self.term_pks(ClinicalArea, item["areas"]))
            self.set_m2m(need.care_settings, self.term_pks(CareSetting, item["settings"]))
            self.set_m2m(need.technology_types, self.term_pks(TechnologyType, item["tech"]))
            self.set_m2m(
                need.regulatory_requirements, self.term_pks(RegulatoryItem, item["regulatory"])
            )
            self.history(need, steps)
            self.touch(need, steps[-1][4])
            self.needs[item["title"]] = need
            for company_slug in item["invite"]:
                self.upsert(
                    NeedInvitation,
                    {"need": need, "organisation": self.orgs[company_slug]},
                    {"invited_by": author, "created_at": times["published"]},
                )

    def timeline(self, item: dict, author: User, coordinator: User) -> list[tuple]:
        """(from, to, actor, comment, at) for each step, ending in the need's status."""
        status = item["status"]
        age = item["age"] or DEFAULT_AGE[status]
        created = self.at(age)
        steps = [("", "draft", author, "", created)]
        if status == "draft" and not item["returned"]:
            return steps
        steps.append(("draft", "submitted", author, "", self.at(age * 0.75)))
        if status == "draft":
            steps.append(("submitted", "draft", coordinator, RETURN_COMMENT, self.at(age * 0.6)))
            return steps
        if status == "submitted":
            return steps
        published = self.at(age * 0.6)
        steps.append(("submitted", "published", coordinator, PUBLISH_COMMENT, published))
        if status == "closed":
            closed = self.at(-item["deadline"] - 1) if item["deadline"] else self.at(1)
            assert closed > published, item["title"]
            if item["route"] == Need.Route.TENDER:
                steps.append(("published", "closed", author, "Tender concluded.", closed))
            else:
                comment = "Closed automatically after the response deadline."
                steps.append(("published", "closed", None, comment, closed))
        return steps

    def history(self, need: Need, steps: list[tuple]) -> None:
        """Replace the need's status history when it differs from the wanted one."""
        wanted = [
            (from_, to, actor.pk if actor else None, comment, at)
            for from_, to, actor, comment, at in steps
        ]
        current = list(
            need.status_changes.order_by("created_at", "pk").values_list(
                "from_status", "to_status", "actor_id", "comment", "created_at"
            )
        )
        if current == wanted:
            return
        need.status_changes.all().delete()
        NeedStatusChange.objects.bulk_create(
            NeedStatusChange(
                need=need,
                from_status=from_,
                to_status=to,
                actor_id=actor,
                comment=comment,
                created_at=at,
            )
            for from_, to, actor, comment, at in wanted
        )
        self.result.created["NeedStatusChange"] += len(wanted)
