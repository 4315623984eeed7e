"""Tag-only edits (clinical areas, regions, ...) are changes matching sees: the item's
``updated_at`` moves, the incremental run rescores it and the worker's cached capability index
is built again. Through the site's forms, the services and the admin; and when a coordinator
deletes or renames a term the items carry."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from companies import services as company_services
from companies.models import Capability, CompanyProfile
from healthmatch.accounts.models import ClinicalArea, Organisation, Region
from healthmatch.accounts.term_changes import save_term
from matching.models import Match
from matching.runs import matchers
from matching.runs.loading import load_needs
from matching.runs.models import MatchRun
from matching.runs.rescore import changed_items, rescore, rescore_need
from needs import services as need_services
from needs.models import Need
from tests import factories as f
from tests.admin_forms import change_form_data
from tests.matching.conftest import small_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_state():
    """No cached Matcher or rate-limit counters from an earlier test."""
    from matching.runs import matchers

    cache.clear()
    matchers.clear()
    yield
    matchers.clear()
    cache.clear()


@pytest.fixture
def terms(db):
    return SimpleNamespace(
        geriatrics=f.ClinicalAreaFactory(name="Geriatrics", slug="geriatrics"),
        cardiology=f.ClinicalAreaFactory(name="Cardiology", slug="cardiology"),
        ward=f.CareSettingFactory(name="Hospital ward", slug="hospital-ward"),
        sensors=f.TechnologyTypeFactory(name="Sensors", slug="sensors"),
        ce=f.RegulatoryItemFactory(name="CE marking - MDR class IIa", slug="ce-mdr-iia"),
        south=f.RegionFactory(name="Region of Southern Denmark", slug="region-south"),
    )


@pytest.fixture
def profile(company_org):
    return f.CompanyProfileFactory(organisation=company_org, languages=["en", "da"])


@pytest.fixture
def world(buyer_org, profile, terms):
    return small_world(buyer_org, profile, terms)


@pytest.fixture
def rival_company(hub):
    org = f.OrganisationFactory(name="Nordic Radar AB", company=True, hub=hub)
    return f.CompanyProfileFactory(organisation=org, languages=["sv", "en"])


def age_everything(hours=2):
    """Every run and item a while ago: the next incremental run sees only what changes now."""
    past = timezone.now() - datetime.timedelta(hours=hours)
    MatchRun.objects.update(started_at=past, heartbeat_at=past)
    Need.objects.update(updated_at=past - datetime.timedelta(hours=1))
    Capability.objects.update(updated_at=past - datetime.timedelta(hours=1))
    CompanyProfile.objects.update(updated_at=past - datetime.timedelta(hours=1))
    Organisation.objects.update(verified_at=past - datetime.timedelta(hours=1))
    return past - datetime.timedelta(hours=1)


def _fill(form, data):
    for name in form.fields:
        value = form[name].value()
        if value is None or value == "" or value is False:
            continue
        if isinstance(value, list | tuple):
            value = [str(v) for v in value]
        elif value is True:
            value = "on"
        data[form.add_prefix(name)] = value


def page_form_data(response, form="form", formsets=()):
    """The POST data of a site form (and its inline formsets) as the page shows it."""
    data = {}
    _fill(response.context[form], data)
    for key in formsets:
        formset = response.context[key]
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = formset.management_form[name].value()
        for row in formset.initial_forms:
            _fill(row, data)
    return data


def clinical_area_fit(need, capability):
    return Match.objects.get(need=need, capability=capability).factors["clinical_area"]


def set_capability_areas(how, client, capability, areas, *, company_owner, coordinator):
    """Change only the capability's clinical areas, the way ``how`` says."""
    ids = [str(area.pk) for area in areas]
    if how == "service":
        company_services.update_capability(
            capability, actor=company_owner, data={}, m2m={"clinical_areas": areas}
        )
        return
    if how == "page":
        client.force_login(company_owner)
        url = reverse("companies:capability_edit", args=[capability.pk])
        data = page_form_data(client.get(url), formsets=("certifications", "references"))
    else:
        client.force_login(coordinator)
        url = reverse("admin:companies_capability_change", args=[capability.pk])
        data = change_form_data(client.get(url))
    data["clinical_areas"] = ids
    assert client.post(url, data).status_code == 302


@pytest.mark.parametrize("how", ["page", "service", "admin"])
def test_capability_clinical_areas_alone_are_rescored(
    how, client, world, terms, company_owner, coordinator
):
    rescore(full=True)
    assert clinical_area_fit(world.need, world.radar) == 0  # cardiology against geriatrics
    rescore_need(world.need.pk)  # the worker builds and keeps its capability index
    builds = matchers.stats["builds"]
    aged = age_everything()
    key = matchers.fingerprint()

    set_capability_areas(
        how,
        client,
        world.radar,
        [terms.geriatrics],
        company_owner=company_owner,
        coordinator=coordinator,
    )

    radar = Capability.objects.get(pk=world.radar.pk)
    assert set(radar.clinical_areas.all()) == {terms.geriatrics}
    assert radar.title == world.radar.title and radar.trl == world.radar.trl  # nothing else
    assert radar.updated_at > aged
    assert Capability.objects.get(pk=world.mats.pk).updated_at == aged
    # The worker's cached index: the fingerprint moved, the next item rescore rebuilds it.
    assert matchers.fingerprint() != key
    rescore_need(world.need.pk)
    assert matchers.stats["builds"] == builds + 1
    assert clinical_area_fit(world.need, world.radar) == 1
    # The incremental run rescores exactly that capability.
    Match.objects.filter(capability=world.radar).update(factors={"clinical_area": 0.0})
    run = rescore()
    assert (run.kind, run.state) == (MatchRun.Kind.INCREMENTAL, MatchRun.State.DONE)
    assert (run.needs, run.capabilities) == (0, 1)
    match = Match.objects.get(need=world.need, capability=world.radar)
    assert match.last_run == run
    assert match.factors["clinical_area"] == 1


@pytest.mark.parametrize("how", ["page", "service", "admin"])
def test_need_clinical_areas_alone_mark_the_need_changed(
    how, client, buyer_org, owner, coordinator, terms
):
    need = f.NeedFactory(organisation=buyer_org, created_by=owner, title="Fewer falls at night")
    need.clinical_areas.set([terms.cardiology])
    aged = age_everything()

    if how == "service":
        need_services.update_need(
            need, actor=owner, data={}, m2m={"clinical_areas": [terms.geriatrics]}
        )
    else:
        if how == "page":
            client.force_login(owner)
            url = reverse("needs:edit", args=[need.pk])
            data = page_form_data(client.get(url))
        else:
            client.force_login(coordinator)
            url = reverse("admin:needs_need_change", args=[need.pk])
            data = change_form_data(client.get(url))
        data["clinical_areas"] = [str(terms.geriatrics.pk)]
        assert client.post(url, data).status_code == 302

    need.refresh_from_db()
    assert set(need.clinical_areas.all()) == {terms.geriatrics}
    assert need.title == "Fewer falls at night"
    assert need.updated_at > aged
    changed_needs, _ = changed_items(aged + datetime.timedelta(minutes=30))
    assert changed_needs == {need.pk}


@pytest.mark.parametrize("how", ["service", "admin"])
def test_regions_served_alone_rescore_the_company_capabilities(
    how, client, world, terms, company_owner, coordinator, company_org
):
    rescore(full=True)
    aged = age_everything()
    key = matchers.fingerprint()

    if how == "service":
        company_services.save_profile(
            company_org, actor=company_owner, data={}, m2m={"regions_served": [terms.south]}
        )
    else:
        client.force_login(coordinator)
        url = reverse("admin:companies_companyprofile_change", args=[world.radar.company_id])
        data = change_form_data(client.get(url))
        data["regions_served"] = [str(terms.south.pk)]
        assert client.post(url, data).status_code == 302

    profile = CompanyProfile.objects.get(pk=world.radar.company_id)
    assert set(profile.regions_served.all()) == {terms.south}
    assert profile.updated_at > aged
    assert matchers.fingerprint() != key
    run = rescore()
    assert (run.kind, run.needs, run.capabilities) == (MatchRun.Kind.INCREMENTAL, 0, 2)


# --- A coordinator deletes a term ---------------------------------------------------------------


def test_deleting_a_clinical_area_in_the_admin_marks_its_items_changed(
    client, world, terms, coordinator, buyer_org
):
    rescore(full=True)
    untagged_need = f.NeedFactory(organisation=buyer_org, title="Untagged draft")
    aged = age_everything()
    key = matchers.fingerprint()
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:accounts_clinicalarea_delete", args=[terms.geriatrics.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not ClinicalArea.objects.filter(pk=terms.geriatrics.pk).exists()
    stamped = {
        "need": Need.objects.get(pk=world.need.pk).updated_at,
        "mats": Capability.objects.get(pk=world.mats.pk).updated_at,
    }
    assert all(when > aged for when in stamped.values())
    assert Capability.objects.get(pk=world.radar.pk).updated_at == aged  # cardiology
    assert Need.objects.get(pk=untagged_need.pk).updated_at == aged
    assert matchers.fingerprint() != key
    run = rescore()
    assert (run.kind, run.needs, run.capabilities) == (MatchRun.Kind.INCREMENTAL, 1, 1)
    assert Match.objects.get(need=world.need, capability=world.mats).last_run == run


def test_deleting_a_region_marks_the_companies_serving_it_changed(world, terms, rival_company):
    CompanyProfile.objects.get(pk=world.radar.company_id).regions_served.set([terms.south])
    aged = age_everything()

    Region.objects.get(pk=terms.south.pk).delete()

    assert CompanyProfile.objects.get(pk=world.radar.company_id).updated_at > aged
    assert CompanyProfile.objects.get(pk=rival_company.pk).updated_at == aged
    _, changed_capabilities = changed_items(aged + datetime.timedelta(minutes=30))
    assert changed_capabilities == {world.radar.pk, world.mats.pk}


def test_deleting_an_unused_term_marks_nothing(world):
    aged = age_everything()
    unused = f.ClinicalAreaFactory(name="Dermatology", slug="dermatology")

    unused.delete()

    assert set(Need.objects.values_list("updated_at", flat=True)) == {aged}
    assert set(Capability.objects.values_list("updated_at", flat=True)) == {aged}


def test_a_failed_term_deletion_marks_nothing(world, terms, buyer_org):
    """A region a need points at is protected: the deletion fails and stamps nobody."""
    f.NeedFactory(organisation=buyer_org, region=terms.south)
    CompanyProfile.objects.get(pk=world.radar.company_id).regions_served.set([terms.south])
    aged = age_everything()

    with pytest.raises(ProtectedError):
        Region.objects.get(pk=terms.south.pk).delete()

    assert CompanyProfile.objects.get(pk=world.radar.company_id).updated_at == aged


# --- A coordinator renames a term ---------------------------------------------------------------


def test_renaming_a_clinical_area_in_the_admin_marks_its_items_changed(
    client, world, terms, coordinator, buyer_org
):
    """Tag names are part of an item's text (matched, embedded, shown): a rename is a change."""
    rescore(full=True)
    untagged_need = f.NeedFactory(organisation=buyer_org, title="Untagged draft")
    aged = age_everything()
    client.force_login(coordinator)
    url = reverse("admin:accounts_clinicalarea_change", args=[terms.geriatrics.pk])
    data = change_form_data(client.get(url))
    data["name"] = "Elderly care"

    assert client.post(url, data).status_code == 302

    assert ClinicalArea.objects.get(pk=terms.geriatrics.pk).name == "Elderly care"
    assert Need.objects.get(pk=world.need.pk).updated_at > aged
    assert Capability.objects.get(pk=world.mats.pk).updated_at > aged
    assert Capability.objects.get(pk=world.radar.pk).updated_at == aged  # cardiology
    assert Need.objects.get(pk=untagged_need.pk).updated_at == aged
    changed_needs, changed_capabilities = changed_items(aged + datetime.timedelta(minutes=30))
    assert world.need.pk in changed_needs and untagged_need.pk not in changed_needs
    assert world.mats.pk in changed_capabilities and world.radar.pk not in changed_capabilities
    (need_doc,) = load_needs(Need.objects.filter(pk=world.need.pk))
    assert "Elderly care" in need_doc.tags and "Geriatrics" not in need_doc.tags
    run = rescore()
    assert run.kind == MatchRun.Kind.INCREMENTAL and run.needs == 1
    assert Match.objects.get(need=world.need, capability=world.mats).last_run == run


def test_saving_a_term_without_renaming_it_marks_nothing(world, terms):
    aged = age_everything()
    area = ClinicalArea.objects.get(pk=terms.geriatrics.pk)
    area.description = "Care of older people"
    area.position = 5
    assert save_term(area) is False

    f.ClinicalAreaFactory(name="Dermatology", slug="dermatology")  # a new term: nobody has it

    assert set(Need.objects.values_list("updated_at", flat=True)) == {aged}
    assert set(Capability.objects.values_list("updated_at", flat=True)) == {aged}
    assert set(CompanyProfile.objects.values_list("updated_at", flat=True)) == {aged}


def test_translating_a_term_marks_nothing(client, world, terms, coordinator):
    """Matching reads the English name only: a new Danish, Swedish or Norwegian name changes
    no item's text, so nothing is rescored for it."""
    aged = age_everything()
    client.force_login(coordinator)
    url = reverse("admin:accounts_clinicalarea_change", args=[terms.geriatrics.pk])
    data = change_form_data(client.get(url))
    data.update(name_da="Ældremedicin", name_sv="Äldrevård", name_nb="Eldremedisin")

    assert client.post(url, data).status_code == 302

    assert ClinicalArea.objects.get(pk=terms.geriatrics.pk).name_da == "Ældremedicin"
    assert set(Need.objects.values_list("updated_at", flat=True)) == {aged}
    assert set(Capability.objects.values_list("updated_at", flat=True)) == {aged}
    (need_doc,) = load_needs(Need.objects.filter(pk=world.need.pk))
    assert "Geriatrics" in need_doc.tags and "Ældremedicin" not in need_doc.tags


def test_renaming_a_region_marks_the_companies_serving_it_changed(world, terms, rival_company):
    CompanyProfile.objects.get(pk=world.radar.company_id).regions_served.set([terms.south])
    aged = age_everything()

    region = Region.objects.get(pk=terms.south.pk)
    region.name = "South Denmark"
    assert save_term(region) is True

    assert CompanyProfile.objects.get(pk=world.radar.company_id).updated_at > aged
    assert CompanyProfile.objects.get(pk=rival_company.pk).updated_at == aged


def test_a_raw_save_of_a_renamed_term_marks_nothing(world, terms):
    """Renames are seen through save_term() (the admin's save path), like every domain event:
    a raw save sends no term_renamed."""
    aged = age_everything()
    area = ClinicalArea.objects.get(pk=terms.geriatrics.pk)
    area.name = "Elderly care"
    area.save()

    assert set(Need.objects.values_list("updated_at", flat=True)) == {aged}
    assert set(Capability.objects.values_list("updated_at", flat=True)) == {aged}
