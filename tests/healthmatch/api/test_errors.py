"""A service's refusal reads in the API as DRF's own errors: fields to messages, or a 403."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import exceptions

from healthmatch.api.errors import service_errors


def test_field_errors_keep_their_fields_and_the_rest_goes_to_non_field_errors():
    with pytest.raises(exceptions.ValidationError) as caught:
        with service_errors():
            raise ValidationError({"title": ["Too short."], "__all__": ["Closed need."]})
    assert caught.value.detail == {"title": ["Too short."], "non_field_errors": ["Closed need."]}
    assert caught.value.status_code == 400


def test_a_plain_validation_error_is_a_non_field_error():
    with pytest.raises(exceptions.ValidationError) as caught:
        with service_errors():
            raise ValidationError("Only drafts can be submitted.")
    assert caught.value.detail == {"non_field_errors": ["Only drafts can be submitted."]}


def test_permission_denied_is_a_403_with_its_reason():
    with pytest.raises(exceptions.PermissionDenied) as caught:
        with service_errors():
            raise PermissionDenied("Only the need's owner can submit it.")
    assert caught.value.status_code == 403
    assert str(caught.value.detail) == "Only the need's owner can submit it."
