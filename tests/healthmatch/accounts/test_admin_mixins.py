"""ReadOnlyAdminMixin: the admins of bids, their history, confidential-need views and matches
show rows and change nothing; only superusers delete, and nobody deletes an audit trail."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from matching.bids.models import Bid, BidEvent
from matching.models import Match
from needs.models import NeedDetailView

pytestmark = pytest.mark.django_db


def request_as(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.parametrize("model", [Bid, BidEvent, NeedDetailView, Match])
def test_nobody_adds_or_changes(model, superuser, coordinator):
    model_admin = admin.site._registry[model]
    for user in (superuser, coordinator):
        assert not model_admin.has_add_permission(request_as(user))
        assert not model_admin.has_change_permission(request_as(user))


@pytest.mark.parametrize("model", [Bid, Match])
def test_only_superusers_delete(model, superuser, coordinator):
    model_admin = admin.site._registry[model]
    assert model_admin.has_delete_permission(request_as(superuser))
    assert not model_admin.has_delete_permission(request_as(coordinator))


@pytest.mark.parametrize("model", [BidEvent, NeedDetailView])
def test_nobody_deletes_an_audit_trail(model, superuser):
    assert not admin.site._registry[model].has_delete_permission(request_as(superuser))
