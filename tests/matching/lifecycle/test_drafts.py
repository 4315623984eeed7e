"""The introduction HealthMatch drafts names both sides and both items."""

import pytest

from matching.lifecycle.introductions import draft_texts

pytestmark = pytest.mark.django_db


def test_draft_names_the_need_the_capability_and_both_organisations(world):
    texts = draft_texts(world.match)
    need, capability = world.need.title, world.capability.title
    buyer, company = world.need.organisation.name, world.profile.organisation.name
    assert need in texts["subject"] and company in texts["subject"]
    assert f"“{need}”" in texts["body_buyer"]
    assert company in texts["body_buyer"]
    assert f"“{need}”" in texts["body_company"]
    assert f"“{capability}”" in texts["body_company"]
    assert buyer in texts["body_company"]
    assert "“”" not in texts["body_buyer"] + texts["body_company"]
