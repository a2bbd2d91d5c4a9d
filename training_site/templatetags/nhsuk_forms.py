"""Render form fields with NHS.UK frontend markup, hints and linked error messages."""

from django import forms, template
from wagtailnhsukfrontend.forms.templatetags.nhsukfrontendforms_tags import (
    get_widget_html_class,
    get_widget_html_error_class,
)

register = template.Library()

GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.inclusion_tag("training_site/includes/form_fields.html")
def nhsuk_fields(form):
    """Render every field of a form, its non-field errors and hidden fields."""
    return {"form": form}


@register.inclusion_tag("training_site/includes/field.html")
def nhsuk_field(field):
    """Render one field with its label, hint and error message."""
    return {"field": field, "grouped": isinstance(field.field.widget, GROUPED_WIDGETS)}


@register.inclusion_tag("training_site/includes/error_summary.html")
def nhsuk_error_summary(*forms_with_errors):
    """Summarise every error of the given forms, each linked to its field."""
    errors = []
    for form in forms_with_errors:
        if not form or not form.errors:
            continue
        for message in form.non_field_errors():
            errors.append(("", message))
        for bound in form:
            for message in bound.errors:
                errors.append((_anchor(bound), message))
    return {"errors": errors}


@register.filter
def nhsuk_widget(field):
    """Render a field's widget with NHS.UK classes and links to its hint and error."""
    widget = field.field.widget
    classes = [get_widget_html_class(widget)]
    if field.errors:
        classes.append(get_widget_html_error_class(widget))
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {"class": " ".join(c for c in classes if c)}
    if described_by and not isinstance(widget, GROUPED_WIDGETS):
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


def _anchor(bound):
    """Return the id of the element an error summary link should move focus to."""
    if isinstance(bound.field.widget, GROUPED_WIDGETS):
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id
