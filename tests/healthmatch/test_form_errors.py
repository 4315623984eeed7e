"""healthmatch.form_errors: a service's refusal on a form, or as one line of text."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from healthmatch.form_errors import apply_errors, error_text
from needs import services as need_services
from tests import factories as f


class TitleForm(forms.Form):
    title = forms.CharField()


def bound_form():
    form = TitleForm({"title": "Fewer falls"})
    assert form.is_valid()
    return form


def test_error_text_joins_the_messages_of_a_validation_error():
    error = ValidationError(["The file is empty.", "Try again."])
    assert error_text(error) == "The file is empty. Try again."


def test_error_text_of_a_field_dict_drops_the_field_names():
    error = ValidationError({"title": "Too short.", "other": ["Missing.", "Wrong."]})
    assert error_text(error) == "Too short. Missing. Wrong."


def test_error_text_fills_in_params():
    error = ValidationError("At most %(n)d files.", params={"n": 3})
    assert error_text(error) == "At most 3 files."


def test_error_text_of_permission_denied_is_its_message():
    assert error_text(PermissionDenied("Only members can do this.")) == "Only members can do this."


def test_error_text_of_permission_denied_without_message_is_empty():
    assert error_text(PermissionDenied()) == ""


def test_apply_errors_puts_field_errors_next_to_known_fields():
    form = bound_form()
    apply_errors(form, ValidationError({"title": "Too short.", "budget": "Too high."}))
    assert form.errors["title"] == ["Too short."]
    assert form.non_field_errors() == ["Too high."]
    assert not form.is_valid()


def test_apply_errors_puts_a_plain_error_on_top():
    form = bound_form()
    apply_errors(form, ValidationError("Someone else changed this."))
    assert form.non_field_errors() == ["Someone else changed this."]
    assert "title" not in form.errors


def test_apply_errors_puts_permission_denied_on_top():
    form = bound_form()
    apply_errors(form, PermissionDenied("Only members of the company can bid for it."))
    assert form.non_field_errors() == ["Only members of the company can bid for it."]


@pytest.mark.django_db
def test_a_real_service_refusal_reads_as_its_sentence(buyer_org, owner):
    buyer_org.verified_at = None
    buyer_org.save()
    need = f.NeedFactory(organisation=buyer_org, created_by=owner)
    with pytest.raises(ValidationError) as caught:
        need_services.submit_need(need, actor=owner)
    assert error_text(caught.value).startswith(f"{buyer_org.name} is not verified yet.")
