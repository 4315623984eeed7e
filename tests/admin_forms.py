"""Build the POST data of an admin change form from the page the test just opened, so a test
only states what it changes."""


def _value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "on" if value else ""
    return value


def _form_data(form, data):
    for name in form.fields:
        value = _value(form[name])
        if value == "" and getattr(form.fields[name].widget, "input_type", None) == "checkbox":
            continue
        if value != "":
            data[form.add_prefix(name)] = value


def change_form_data(response) -> dict:
    """Every field of the main form and of each inline formset, as currently shown."""
    data = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.initial_forms:
            _form_data(form, data)
    return data


def add_inline_row(data: dict, prefix: str, values: dict) -> dict:
    """Append one new row to the inline formset ``prefix``."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data
