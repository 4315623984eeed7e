"""The people every permission test needs: an owner, a member of the same organisation, an
outsider; plus a coordinator of the hub. Each exists for a buyer and for a company. For the admin:
a client logged in as the coordinator, and rows of a second hub, so every changelist has something
the coordinator must not see. And the real services of tests/real_services.py: an SMTP server,
Redis, a clean environment for subprocesses."""

import pytest
from celery._state import _set_task_join_will_block
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from healthmatch.accounts.models import Membership
from healthmatch.accounts.roles import COORDINATORS_GROUP
from tests import factories as f
from tests.real_services import (  # noqa: F401 (fixtures)
    clean_env,
    redis_url,
    smtp_server,
    smtp_settings,
)


@pytest.fixture
def fresh_rate_limits():
    """An empty cache before and after the test: allauth's sign-up and login limits (and
    anything else cached) start from nothing."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: pages keep counts and fragments there
    (healthmatch/pagination.py, needs/teasers.py), and a count cached by an earlier test's rows
    must not show in this one's. Every cache: the chrome's too (settings, "fragments")."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def pages_uncached(settings):
    """Whole pages are not kept (healthmatch/page_cache): for query-count tests, which measure
    what a page costs when it is rendered, the path a page-cache miss takes."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _site_language_and_zone():
    """A page seen by a Danish or Swedish person leaves their language (and time zone) active in
    this thread, as a request does in a server's; each test starts in the site's own."""
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _not_inside_a_worker():
    """Celery keeps "a result.get() here would block" in one process-wide flag, which an eager
    task sets while it runs and restores after. Threads running eager tasks at once (the
    concurrency tests: 50 registrations, each kicking the outbox sender) can restore in the
    wrong order and leave it set, and a later test's ``result.get()`` then fails with "Never
    call result.get() within a task". Each test starts as the web process it stands for."""
    _set_task_join_will_block(False)


@pytest.fixture
def hub(db):
    return f.HubFactory(name="Welfare Tech", slug="welfare-tech")


@pytest.fixture
def other_hub(db):
    return f.HubFactory(name="Norway Health Tech", slug="norway-health-tech")


@pytest.fixture
def buyer_org(hub):
    return f.OrganisationFactory(name="Odense University Hospital", kind="hospital", hub=hub)


@pytest.fixture
def company_org(hub):
    return f.OrganisationFactory(name="CareSense ApS", company=True, hub=hub)


@pytest.fixture
def owner(buyer_org):
    """Administrator of the buyer organisation: owns its needs."""
    user = f.UserFactory(email="owner@ouh.example", name="Olivia Owner")
    f.MembershipFactory(user=user, organisation=buyer_org, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def member(buyer_org):
    """A plain member of the same buyer organisation."""
    user = f.UserFactory(email="member@ouh.example", name="Mads Member")
    f.MembershipFactory(user=user, organisation=buyer_org, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def company_owner(company_org):
    user = f.UserFactory(email="ceo@caresense.example", name="Cecilie CEO")
    f.MembershipFactory(user=user, organisation=company_org, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def company_member(company_org):
    user = f.UserFactory(email="dev@caresense.example", name="Dan Developer")
    f.MembershipFactory(user=user, organisation=company_org, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def outsider(other_hub):
    """A verified member of an unrelated company in another hub."""
    org = f.OrganisationFactory(name="Elsewhere AS", company=True, hub=other_hub)
    user = f.UserFactory(email="outsider@elsewhere.example", name="Otto Outsider")
    f.MembershipFactory(user=user, organisation=org)
    return user


def make_coordinator(hub, *, email: str, name: str):
    """A staff member in the coordinators' group who coordinates ``hub``."""
    user = f.UserFactory(email=email, name=name)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    hub.coordinators.add(user)
    return user


@pytest.fixture
def coordinator(hub):
    return make_coordinator(hub, email="coordinator@welfaretech.example", name="Carla Coordinator")


@pytest.fixture
def other_coordinator(other_hub):
    """A coordinator of another hub: sees none of ``hub``'s matches, needs or events."""
    return make_coordinator(other_hub, email="coordinator@norway.example", name="Nora Coordinator")


@pytest.fixture
def superuser(db):
    user = f.UserFactory(email="root@healthmatch.example", name="Root")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def foreign_org(other_hub):
    return f.OrganisationFactory(name="Oslo Universitetssykehus", kind="hospital", hub=other_hub)


@pytest.fixture
def foreign_need(foreign_org):
    return f.NeedFactory(
        organisation=foreign_org, submitted=True, title="Foreign need: night-time wandering"
    )


@pytest.fixture
def foreign_company(other_hub):
    return f.OrganisationFactory(name="Fjord Sensors AS", company=True, hub=other_hub)
