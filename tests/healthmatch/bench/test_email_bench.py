"""email_bench runs the real digest and send path against its own loopback SMTP server, prints
its figures with a JSON last line, and leaves no data behind."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from healthmatch.accounts.models import Hub, Organisation, User
from healthmatch.mail.models import OutboxMessage
from matching.models import Match
from matching.notify.models import MatchNotice
from needs.models import Need

pytestmark = pytest.mark.django_db


def test_email_bench_sends_every_digest_once_and_cleans_up():
    out = StringIO()

    call_command("email_bench", users=12, matches=2, stdout=out)

    lines = out.getvalue().strip().splitlines()
    result = json.loads(lines[-1])
    assert result["users"] == 12
    assert result["emails"] == result["sent"] == 12
    assert (result["duplicates"], result["missing"]) == (0, 0)
    for key in ("messages_per_second", "raw_smtp_per_second", "end_to_end_per_second"):
        assert result[key] > 0
    assert any(line.startswith("raw smtplib loop: 12 messages") for line in lines)
    assert not User.objects.filter(email__endswith="@bench.healthmatch.invalid").exists()
    assert not Hub.objects.filter(slug__startswith="email-bench-").exists()
    assert not Organisation.objects.exists()
    assert not (Need.objects.exists() or Match.objects.exists() or MatchNotice.objects.exists())
    assert not OutboxMessage.objects.exists()


def test_email_bench_keeps_its_data_when_asked():
    call_command("email_bench", users=3, matches=1, keep=True, stdout=StringIO())

    rows = OutboxMessage.objects.filter(category="matches")
    assert rows.count() == 3
    assert set(rows.values_list("state", flat=True)) == {OutboxMessage.State.SENT}
    assert MatchNotice.objects.count() == 3


def test_email_bench_refuses_to_send_other_queued_mail(owner):
    OutboxMessage.objects.create(
        key="someone-else",
        kind="x",
        to_email="a@b.example",
        subject="s",
        text="t",
        message_id="<x@y>",
        language="en",
        from_email="f@example.org",
    )

    with pytest.raises(CommandError, match="throwaway database"):
        call_command("email_bench", users=2, stdout=StringIO())

    assert not User.objects.filter(email__endswith="@bench.healthmatch.invalid").exists()


@pytest.mark.parametrize("args", [{"users": 0}, {"users": 5, "matches": 0}, {"matches": 41}])
def test_email_bench_checks_its_arguments(args):
    with pytest.raises(CommandError):
        call_command("email_bench", stdout=StringIO(), **args)
