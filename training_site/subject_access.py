"""Subject access: all the privacy registry says is a person's, as JSON and a readable PDF."""

import io
import json
import zipfile
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.db.models import Q

from training_site.pdf import FONT, ReportPDF
from training_site.personal_data import registry

ANOTHER_PERSON = "(another person)"


def subject_filter(model, path, user):
    """The condition that a row's ``path`` leads to the person."""
    name = path.split("__")[-1]
    if name == "id" and "__" not in path:
        return Q(pk=user.pk)
    field = model._meta.get_field(path.split("__")[0])
    if "__" not in path and not field.is_relation:
        return Q(**{path: user.get_username()})
    return Q(**{path: user})


def rows_of(entry, user):
    """The rows of a declared model that are the person's."""
    model = entry.model_class
    condition = Q()
    for path in entry.subjects:
        condition |= subject_filter(model, path, user)
    return model._default_manager.filter(condition).distinct().order_by("pk")


def user_label():
    """The lower-case label of the user model."""
    return settings.AUTH_USER_MODEL.lower()


def shown_value(row, name, entry, user):
    """A field's value as the export shows it; other people appear only when acting in role."""
    field = row._meta.get_field(name)
    if field.many_to_many:
        return [str(item) for item in getattr(row, name).all()]
    if field.is_relation:
        related = getattr(row, name)
        if related is None:
            return None
        if related._meta.label_lower != user_label():
            return str(related)
        if related.pk == user.pk or name in entry.roles:
            return related.get_full_name() or str(related.pk)
        return ANOTHER_PERSON
    value = getattr(row, name)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or None
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def personal_data_of(user):
    """Every declared row that is the person's, by model label, with its exported fields."""
    data = {}
    for label, entry in sorted(registry().entries.items()):
        rows = [
            {name: shown_value(row, name, entry, user) for name in entry.export}
            for row in rows_of(entry, user)
        ]
        if rows:
            data[label] = {"category": str(entry.category), "rows": rows}
    return data


def export_pdf(user, data):
    """A readable PDF of the export: a section per app, and in it a part per model."""
    pdf = ReportPDF()
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.paragraph(9, f"Personal data held about {user.get_full_name() or user.email}")
    section = None
    for label, part in sorted(data.items()):
        model = apps.get_model(label)
        if model._meta.app_config.verbose_name != section:
            section = model._meta.app_config.verbose_name
            pdf.set_font(FONT, "B", 14)
            pdf.paragraph(9, section)
        pdf.set_font(FONT, "B", 11)
        pdf.paragraph(7, f"{model._meta.verbose_name_plural.capitalize()} ({part['category']})")
        pdf.set_font(FONT, "", 9)
        for row in part["rows"]:
            for name, value in row.items():
                pdf.paragraph(5, f"{name.replace('_', ' ')}: {printable(value)}")
            pdf.ln(2)
    return bytes(pdf.output())


def printable(value):
    """A value as one line of the PDF."""
    if value is None or value == "":
        return "-"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export_zip(user):
    """The subject access export: a zip of personal-data.json and personal-data.pdf."""
    data = personal_data_of(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        archive.writestr("personal-data.json", text)
        archive.writestr("personal-data.pdf", export_pdf(user, data))
    return buffer.getvalue()
