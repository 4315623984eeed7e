"""Load the demo world into the database.

Idempotent: every row is found by a natural key (slug, email, title within its organisation or
company, the pair for links) and only written when it differs, so a second run on the same day
changes nothing. Dates are relative to ``today`` (deadlines stay in the future on a later run).
Seeded rows are brought back to their demo state; rows added by hand are left alone.

New memberships (asked for, then approved by a hub coordinator), verifications, capabilities,
needs, bids and matchmaking days are made through the same services the pages and the
coordination admin use (healthmatch.accounts.services here; seed_capabilities.py, seed_needs.py,
seed_bids.py, seed_events.py), by the
people who would act there, so the services' rules hold for the demo too; the seeder then
back-dates them and their history; company profiles are written by the hub's coordinator.
Hubs, people and organisations are written directly: no page makes them the way a demo needs
(fixed slugs as natural keys, a login with the demo password, an organisation created without
its first administrator). The services' emails
are taken back before commit (quiet.py): loading the demo sends nothing.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from companies import services as companies
from companies.models import CompanyProfile, ContactPerson
from healthmatch.accounts import services as accounts
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
from healthmatch.demo.phrases import stable_days
from healthmatch.demo.quiet import no_outgoing_email
from healthmatch.demo.seed_bids import seed_bids
from healthmatch.demo.seed_capabilities import seed_capabilities
from healthmatch.demo.seed_events import seed_events
from healthmatch.demo.seed_needs import seed_needs
from healthmatch.demo.world import DemoWorld, SeedResult
from healthmatch.page_cache.versions import bump_site

# The language people of an organisation in this country read the site in.
COUNTRY_LANGUAGES = {"DK": "da", "SE": "sv", "NO": "nb"}

PENDING_MESSAGE = (
    "I run the falls prevention group in Geriatrics and would like to follow our needs."
)


def seed_demo(today: dt.date | None = None) -> SeedResult:
    """Create or refresh the demo world in one transaction. Returns what was written."""
    with transaction.atomic(), no_outgoing_email():
        result = DemoSeeder(today or timezone.localdate()).run()
        bump_site()  # the seeder writes some rows with update() and bulk_create()
        return result


class DemoSeeder(DemoWorld):
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
        seed_capabilities(self)
        seed_needs(self)
        seed_bids(self)
        seed_events(self)
        return self.result

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

    def language_of(self, item: dict) -> str:
        """The language of the country of the person's organisation (English elsewhere)."""
        countries = {org["slug"]: org["country"] for org in data.BUYERS + data.COMPANIES}
        return COUNTRY_LANGUAGES.get(countries.get(item.get("organisation")), "en")

    def user(self, item: dict, *, can_log_in: bool) -> User:
        email = item["email"].lower()
        values = {
            "name": item["name"],
            "job_title": item.get("job_title", ""),
            "is_active": True,
            "is_staff": bool(item.get("staff")),
            "is_superuser": bool(item.get("superuser")),
            "language": item.get("language") or self.language_of(item),
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
        for item in data.BUYER_STAFF + data.COMPANY_STAFF:
            self.user(item, can_log_in=False)
        self.admin = self.users["admin@demo.healthmatch.local"]

    # --- organisations --------------------------------------------------------------------------
    def organisation(self, item: dict, kind: str) -> Organisation:
        """Found by slug (or a twin made by hand); a new one is verified by its hub's
        coordinator through the service the admin uses, then back-dated."""
        verified = item.get("verified", True)
        hub = self.hubs[item["hub"]]
        verifier = self.hub_coordinator.get(item["hub"], self.admin)
        lookup = self.natural_key(Organisation, item["slug"], name__iexact=item["name"], kind=kind)
        values = {
            "name": item["name"],
            "kind": kind,
            "hub": hub,
            "country": item["country"],
            "website": item["website"],
            "description": item["description"],
            "created_at": self.at(stable_days(item["slug"], 400, 700)),
            "verified_at": self.at(stable_days(item["slug"], 200, 390)) if verified else None,
            "verified_by": verifier if verified else None,
        }
        org = Organisation.objects.filter(**lookup).first()
        if org is None:
            unverified = {**values, "verified_at": None, "verified_by": None}
            org = self.made(Organisation.objects.create(**lookup, **unverified))
            if verified:
                accounts.verify_organisation(org, actor=self.acting(verifier))
                org = self.fresh(org)
        self.orgs[item["slug"]] = self.restore(org, values)
        return org

    def seed_buyers(self) -> None:
        for item in data.BUYERS:
            self.organisation(item, item["kind"])

    def membership(self, user, org_slug, role, status="active") -> None:
        """A new member asks to join through the service the pages use; an active one is
        approved by a coordinator of the organisation's hub, as in the coordination admin."""
        org = self.orgs[org_slug]
        message = PENDING_MESSAGE if status == "pending" else ""
        membership = Membership.objects.filter(user=user, organisation=org).first()
        if membership is None:
            membership = accounts.request_membership(self.acting(user), org, message)
            if status == "active":
                membership = accounts.decide_membership(
                    membership, actor=self.coordinator_of(org), approve=True, role=role
                )
            membership = self.fresh(self.made(membership))
        self.restore(membership, {"role": role, "status": status, "message": message})

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
            org = self.organisation(item, item["kind"])
            values = {
                "tagline": item["tagline"],
                "is_sme": item["sme"],
                "employees": item["employees"],
                "founded_year": item["founded"],
                "languages": item["languages"],
            }
            regions = self.term_pks(Region, item["regions"])
            profile = CompanyProfile.objects.filter(organisation=org).first()
            if profile is None:  # written by the hub's coordinator, who may edit it
                profile = companies.save_profile(
                    org,
                    actor=self.coordinator_of(org),
                    data=values,
                    m2m={"regions_served": regions},
                )
                profile = self.fresh(self.made(profile))
            self.restore(profile, values)
            self.set_m2m(profile.regions_served, regions)
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
        for item in data.COMPANY_STAFF:  # they go to the matchmaking days; they write nothing
            self.membership(self.users[item["email"]], item["organisation"], "member")
