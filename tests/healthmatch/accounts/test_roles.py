"""The Coordinators group gets exactly the admin permissions the apps declare on their
AppConfigs (``coordinator_permissions``): the same list as when the core kept it itself."""

import pytest
from django.contrib.auth.models import Group, Permission

from healthmatch.accounts.roles import COORDINATORS_GROUP, ensure_coordinator_group

pytestmark = pytest.mark.django_db

EXPECTED = {
    "accounts.view_organisation",
    "accounts.change_organisation",
    "accounts.view_membership",
    "accounts.change_membership",
    "accounts.view_organisationinvitation",
    "accounts.view_hub",
    "accounts.view_clinicalarea",
    "accounts.add_clinicalarea",
    "accounts.change_clinicalarea",
    "accounts.delete_clinicalarea",
    "accounts.view_caresetting",
    "accounts.add_caresetting",
    "accounts.change_caresetting",
    "accounts.delete_caresetting",
    "accounts.view_technologytype",
    "accounts.add_technologytype",
    "accounts.change_technologytype",
    "accounts.delete_technologytype",
    "accounts.view_regulatoryitem",
    "accounts.add_regulatoryitem",
    "accounts.change_regulatoryitem",
    "accounts.delete_regulatoryitem",
    "accounts.view_region",
    "accounts.add_region",
    "accounts.change_region",
    "accounts.delete_region",
    "accounts.view_user",
    "needs.view_need",
    "needs.change_need",
    "needs.view_needstatuschange",
    "needs.view_needinvitation",
    "needs.add_needinvitation",
    "needs.change_needinvitation",
    "needs.delete_needinvitation",
    "needs.view_needattachment",
    "needs.view_needdetailview",
    "companies.view_companyprofile",
    "companies.change_companyprofile",
    "companies.view_capability",
    "companies.change_capability",
    "companies.view_contactperson",
    "companies.view_certification",
    "companies.view_capabilityreference",
    "companies.view_capabilityattachment",
    "matching.view_match",
    "matching.view_matchevent",
    "matching.view_introduction",
    "matching.view_curationqueueitem",
    "matching.view_matchingconfig",
    "matching.add_matchingconfig",
    "matching.change_matchingconfig",
    "matching.view_matchrun",
    "matching.view_bid",
    "matching.view_bidevent",
    "matching.view_bidattachment",
    "events.view_event",
    "events.add_event",
    "events.change_event",
    "events.view_session",
    "events.add_session",
    "events.change_session",
    "events.delete_session",
    "events.view_table",
    "events.add_table",
    "events.change_table",
    "events.delete_table",
    "events.view_registration",
    "events.change_registration",
    "events.view_eventmessage",
    "events.view_meetingrequest",
    "events.view_meeting",
    "events.view_unplaced",
    "events.view_meetingfeedback",
    "events.view_meetingfollowup",
}


def granted():
    group = Group.objects.get(name=COORDINATORS_GROUP)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_coordinators_group_has_exactly_the_declared_permissions():
    assert granted() == EXPECTED


def test_coordinator_permissions_are_set_again_after_migrate():
    """A permission added by hand is taken away, a removed one given back, on the next run."""
    group = Group.objects.get(name=COORDINATORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="delete_need"))
    group.permissions.remove(Permission.objects.get(codename="view_match"))

    ensure_coordinator_group()

    assert granted() == EXPECTED
