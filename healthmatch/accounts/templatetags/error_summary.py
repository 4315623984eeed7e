"""The error summary on top of every form with errors: one list of every problem, each field's
error a link to that field, the form's own errors (and a formset's) as plain lines.

Usage: ``{% load error_summary %}{% error_summary form %}``, or with the formsets of the page:
``{% error_summary form certifications references %}`` (an empty or missing one is skipped).
static/js/app.js moves focus to the summary when the page loads and, from a link, to its field.
"""

from django import template
from django.forms.forms import NON_FIELD_ERRORS

register = template.Library()


def _problems(form, prefix=""):
    problems = [{"message": message} for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        field = form[name] if name in form.fields else None
        visible = field is not None and not field.is_hidden
        label = f"{prefix}{field.label}" if visible else ""
        anchor = field.id_for_label if visible else ""
        problems.extend({"message": m, "label": label, "anchor": anchor} for m in errors)
    return problems


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_or_formsets):
    problems = []
    for item in forms_or_formsets:
        if not item:
            continue
        if hasattr(item, "forms"):  # a formset: its own errors, then each row's, numbered
            problems.extend({"message": message} for message in item.non_form_errors())
            for number, row in enumerate(item.forms, start=1):
                problems.extend(_problems(row, prefix=f"{number}. "))
        else:
            problems.extend(_problems(item))
    return {"problems": problems}
