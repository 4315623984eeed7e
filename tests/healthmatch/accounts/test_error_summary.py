"""The error summary tag: every error of a form and its formsets, field errors as links to
the field, the form's own errors as text; nothing at all for a form without errors."""

from django import forms
from django.forms import formset_factory
from django.template import Context, Template

SUMMARY = Template("{% load error_summary %}{% error_summary form rows missing %}")


class ContactForm(forms.Form):
    name = forms.CharField(label="Name")
    email = forms.EmailField(label="Email")
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Try again later.")


class RowForm(forms.Form):
    reference = forms.CharField(label="Reference")
    year = forms.IntegerField(label="Year", required=False)


def render(form, rows=None):
    return SUMMARY.render(Context({"form": form, "rows": rows}))


def test_error_summary_links_each_field_error_to_its_field():
    html = render(ContactForm(data={"email": "not-an-address"}))
    assert "data-error-summary" in html
    assert 'tabindex="-1"' in html
    assert '<a href="#id_name">Name: This field is required.</a>' in html
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in html
    # A hidden field has nothing to focus: its error is text; so is the form's own error.
    assert "<li>This field is required.</li>" in html
    assert "<li>Try again later.</li>" in html


def test_error_summary_numbers_the_rows_of_a_formset():
    rows = formset_factory(RowForm, extra=0)(
        data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-1-year": "2024"}
    )
    html = render(ContactForm(data={"name": "A", "email": "a@b.example", "token": "t"}), rows)
    assert '<a href="#id_form-1-reference">2. Reference: This field is required.</a>' in html
    assert "form-0" not in html  # an untouched extra row is no error


def test_error_summary_is_empty_without_errors():
    assert render(ContactForm()).strip() == ""
    assert render(RowForm(data={"reference": "CE 1234"})).strip() == ""
