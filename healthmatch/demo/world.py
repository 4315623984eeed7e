"""What every part of the demo seeder shares: the rows loaded so far, the counts of what was
written, and the helpers that find, create, restore and back-date rows.

seed.py (hubs, people, organisations, companies), seed_capabilities.py, seed_needs.py,
seed_bids.py and seed_events.py all work on one ``DemoWorld``; they import this module, never
each other (seed.py alone calls the others, in order).
"""

import contextlib
import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from healthmatch.accounts.access import forget
from healthmatch.accounts.models import (
    Hub,
    Membership,
    Organisation,
    Region,
    User,
)


@dataclass
class SeedResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    links: Counter = field(default_factory=Counter)  # many-to-many sets (tags, coordinators)

    @property
    def changes(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.links.values())


class DemoWorld:
    def __init__(self, today: dt.date):
        self.today = today
        self.now = timezone.make_aware(dt.datetime.combine(today, dt.time(9, 0)))
        self.result = SeedResult()
        self.terms: dict = {}  # taxonomy model -> {slug: pk}
        self.hubs: dict[str, Hub] = {}
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.profiles: dict = {}  # company slug -> CompanyProfile
        self.authors: dict[str, User] = {}  # organisation slug -> who writes its needs
        self.hub_coordinator: dict[str, User] = {}  # hub slug -> who publishes its needs
        self.capabilities: dict = {}  # (company slug, title) -> Capability
        self.needs: dict = {}  # title -> Need
        self.admin: User | None = None

    def at(self, days_ago: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days_ago)

    # --- rows ---------------------------------------------------------------------------------
    def upsert(self, model, lookup: dict, values: dict):
        """Find by ``lookup``; create, or save only the fields that differ from ``values``."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            return self.made(obj)
        return self.restore(obj, values)

    def made(self, obj):
        """Count ``obj`` as created by this run (by ``upsert`` or by an app's service)."""
        self.result.created[type(obj).__name__] += 1
        obj.demo_created = True
        return obj

    def restore(self, obj, values: dict):
        """Save the fields of ``obj`` that differ from ``values`` (its demo state). A row made
        by this run is being given its demo dates, which is not counted as an update."""
        model = type(obj)
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
            if not getattr(obj, "demo_created", False):
                self.result.updated[model.__name__] += 1
        return obj

    def fresh(self, obj):
        """Re-read a row a service has just written, still counted as made by this run."""
        row = type(obj).objects.get(pk=obj.pk)
        row.demo_created = True
        return row

    def touch(self, obj, updated_at: dt.datetime) -> None:
        """Backdate auto_now ``updated_at`` so lists ordered by it look lived-in."""
        if obj.updated_at != updated_at:
            type(obj).objects.filter(pk=obj.pk).update(updated_at=updated_at)
            obj.updated_at = updated_at
            if not getattr(obj, "demo_created", False):
                self.result.updated[f"{type(obj).__name__} date"] += 1

    def set_m2m(self, manager, pks) -> None:
        """Set a many-to-many relation to ``pks``; on a row made by this run the service has
        set it already, and it counts as written as it would have been here."""
        wanted = set(pks)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.result.links[manager.model.__name__] += 1
        elif wanted and getattr(manager.instance, "demo_created", False):
            self.result.links[manager.model.__name__] += 1

    def replace_history(self, manager, fields: tuple[str, ...], wanted: list[tuple]) -> None:
        """Replace the rows of ``manager`` (a status history: ``fields`` are from, to, actor
        id, comment, at) with ``wanted`` when they differ. The services write the history with
        the time of the seeding; the demo's is back-dated."""
        current = list(manager.order_by("created_at", "pk").values_list(*fields))
        if current == wanted:
            return
        manager.all().delete()
        parent = {manager.field.name: manager.instance}
        manager.model.objects.bulk_create(
            [manager.model(**parent, **dict(zip(fields, row, strict=True))) for row in wanted]
        )
        self.result.created[manager.model.__name__] += len(wanted)

    # --- taxonomy -----------------------------------------------------------------------------
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

    # --- who acts -----------------------------------------------------------------------------
    def acting(self, user: User) -> User:
        """``user``, with the per-request caches of their memberships dropped: the seeder
        changes memberships between the services' calls."""
        forget(user)
        return user

    def coordinator_of(self, organisation: Organisation) -> User:
        return self.acting(self.hub_coordinator.get(organisation.hub.slug, self.admin))

    @contextlib.contextmanager
    def former_member(self, organisation: Organisation):
        """A member of ``organisation`` who leaves (is deleted) when the block ends: the demo's
        rows "by nobody with a login" (a bid's author) were written by such a person, through
        the same services as the others. Their rows keep no trace of them (SET_NULL)."""
        user = User(
            email=f"former-{uuid.uuid4().hex[:12]}@{organisation.slug}.demo.healthmatch.local",
            name="Former member",
            is_active=True,
        )
        user.set_unusable_password()
        user.save()
        Membership.objects.create(
            user=user,
            organisation=organisation,
            role=Membership.Role.MEMBER,
            status=Membership.Status.ACTIVE,
        )
        try:
            yield user
        finally:
            user.delete()
