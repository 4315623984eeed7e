"""Loading the demo sends no email: the services' outbox rows are taken back before commit."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from healthmatch.accounts.models import User
from healthmatch.demo.quiet import no_outgoing_email
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.services import enqueue_rendered
from matching.bids.models import Bid
from needs.models import Need

pytestmark = pytest.mark.django_db


def write(key):
    return enqueue_rendered(key=key, kind="test", to="someone@example.org", subject="S", text="T")


def test_seed_demo_command_leaves_no_outbox_rows():
    call_command("seed_demo", "--quiet", stdout=StringIO())
    assert Need.objects.filter(status=Need.Status.PUBLISHED).exists()
    assert Bid.objects.filter(state=Bid.State.ACCEPTED).exists()
    assert OutboxMessage.objects.count() == 0


def test_no_outgoing_email_takes_back_the_rows_of_its_block_only():
    before = write("before")
    with transaction.atomic(), no_outgoing_email():
        write("inside-1")
        write("inside-2")
    after = write("after")
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {before.pk, after.pk}


def test_seed_demo_leaves_no_former_member_behind():
    call_command("seed_demo", "--quiet", stdout=StringIO())
    assert not User.objects.filter(email__startswith="former-").exists()
    without_login = Bid.objects.exclude(company__slug="vigil-sense")
    assert without_login.count() == 8
    assert not without_login.exclude(author=None).exists()
