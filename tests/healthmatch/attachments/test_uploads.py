"""The upload handler stops reading an upload at ATTACHMENT_MAX_BYTES, through Django's real
multipart parser: the body's rest is never read, the fields before the file (the CSRF token)
are kept, and the request is marked so the form can say why."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import LimitedStream
from django.test import RequestFactory
from django.urls import reverse

from healthmatch.attachments.uploads import FORM_OVERHEAD_BYTES, upload_too_large
from needs.models import Need
from tests.once import once


class CountingStream:
    def __init__(self, stream):
        self.stream, self.read_bytes = stream, 0

    def read(self, size=-1):
        data = self.stream.read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        data = self.stream.readline(size)
        self.read_bytes += len(data)
        return data


def posted(size: int):
    upload = SimpleUploadedFile("plan.pdf", b"%PDF" + b"x" * (size - 4), "application/pdf")
    request = RequestFactory().post("/upload/", {"csrfmiddlewaretoken": "token", "file": upload})
    length = int(request.META["CONTENT_LENGTH"])
    counter = CountingStream(request.environ["wsgi.input"])
    request._stream = LimitedStream(counter, length)
    return request, counter, length


def test_a_declared_body_far_over_the_limit_is_read_only_up_to_the_file(settings):
    settings.ATTACHMENT_MAX_BYTES = 100_000
    request, counter, length = posted(3_000_000)
    assert request.POST["csrfmiddlewaretoken"] == "token"
    assert "file" not in request.FILES
    assert upload_too_large(request)
    assert counter.read_bytes <= 2 * 64 * 1024 < length


def test_a_file_passing_the_limit_while_read_is_stopped_there(settings):
    settings.ATTACHMENT_MAX_BYTES = 100_000
    request, counter, length = posted(100_000 + FORM_OVERHEAD_BYTES // 2)  # declared size fits
    assert "file" not in request.FILES
    assert upload_too_large(request)
    assert counter.read_bytes < length


def test_a_file_within_the_limit_is_received_whole(settings):
    settings.ATTACHMENT_MAX_BYTES = 100_000
    request, counter, length = posted(100_000)
    assert request.FILES["file"].size == 100_000
    assert not upload_too_large(request)
    assert counter.read_bytes == length


@pytest.mark.django_db
def test_a_body_of_junk_fields_over_the_cap_is_refused_before_a_view_sees_it(client, owner):
    client.force_login(owner)
    response = client.post(reverse("needs:create"), {"junk": "x" * (600 * 1024)})
    assert response.status_code == 400
    assert Need.objects.count() == 0


FORM = "application/x-www-form-urlencoded"


def danish(length: int) -> str:
    text = "Sygeplejersker på ældreafdelingen får for sent besked om fald. " * (length // 60 + 1)
    return text[:length].strip()


@pytest.mark.django_db
def test_the_body_cap_fits_the_largest_real_form(client, owner, settings):
    """A need with every text field full, in Danish (æ, ø, å are 6 bytes url-encoded), is
    accepted under the default cap; the same form over a cap set below it is refused."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 512 * 1024
    client.force_login(owner)
    fields = {
        "title": danish(200),
        "summary": danish(500),
        "description": danish(20000),
        "care_pathway": danish(10000),
        "affected_groups": danish(5000),
        "scale": danish(300),
        "success_criteria": danish(10000),
        "budget_band": "unknown",
        "route": "pilot",
        "language": "da",
    }
    body = urlencode(once(client, fields)).encode()  # as a browser sends this form
    response = client.post(reverse("needs:create"), body, content_type=FORM)
    assert response.status_code == 302, response.content[:300]
    assert Need.objects.get().description == fields["description"]

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body) - 1000
    again = urlencode(once(client, fields)).encode()
    assert client.post(reverse("needs:create"), again, content_type=FORM).status_code == 400
    assert Need.objects.count() == 1
