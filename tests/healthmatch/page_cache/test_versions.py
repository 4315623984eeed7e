"""The site's version (healthmatch/page_cache/versions.py, apps.py): replaced by every write of
what pages show, left alone by what they never show, once per transaction after its commit."""

import pytest
from django.db import transaction

from healthmatch import versioned
from healthmatch.page_cache import versions
from healthmatch.page_cache.versions import site_version
from needs.models import NeedDetailView
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_watched_write_replaces_the_version(buyer_org):
    before = site_version()
    need = f.NeedFactory(organisation=buyer_org)
    assert site_version() != before

    before = site_version()
    need.clinical_areas.add(f.ClinicalAreaFactory())
    assert site_version() != before


def test_writes_pages_never_show_leave_it_alone(buyer_org, owner):
    need = f.NeedFactory(organisation=buyer_org, published=True, is_confidential=True)
    before = site_version()

    NeedDetailView.objects.create(need=need, user=owner)  # written on each look at the details
    owner.last_login = owner.date_joined
    owner.save(update_fields=["last_login"])  # written at each sign-in

    assert site_version() == before
    owner.name = "Olivia Renamed"
    owner.save()
    assert site_version() != before


@pytest.mark.django_db(transaction=True)
def test_one_replacement_after_the_commit_however_many_rows(monkeypatch):
    after_commit = []
    replace = versioned._replacer(versions.KEY)

    def counted():
        if not transaction.get_connection().in_atomic_block:
            after_commit.append(1)
        replace()

    monkeypatch.setitem(versioned._replacers, versions.KEY, counted)
    organisation = f.OrganisationFactory()
    after_commit.clear()
    with transaction.atomic():
        for _ in range(3):
            f.NeedFactory(organisation=organisation)
        before_commit = site_version()

    assert after_commit == [1]
    assert site_version() != before_commit
