"""Every date and date-time field renders the ISO value its browser picker takes."""

import importlib
import inspect
import pkgutil
from datetime import date, datetime
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import timezone

DAY = date(2027, 7, 14)
MOMENT = datetime(2027, 7, 14, 9, 30)
SKIPPED = (".migrations", ".management", ".settings", ".wsgi")


def _project_forms():
    """Every form class defined in the project's own apps."""
    found = {}
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR):
            continue
        for module in pkgutil.walk_packages([str(config.path)], f"{config.name}."):
            if any(part in module.name for part in SKIPPED):
                continue
            loaded = importlib.import_module(module.name)
            for _, cls in inspect.getmembers(loaded, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == loaded.__name__:
                    found[f"{cls.__module__}.{cls.__name__}"] = cls
    return found


def _date_fields():
    """(form name, field name, field) for every date or date-time field of every form."""
    for name, cls in sorted(_project_forms().items()):
        for field_name, field in cls.base_fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                yield pytest.param(field, id=f"{name}.{field_name}")


def test_the_walk_finds_the_forms_with_dates():
    names = _project_forms()
    assert "workshops.forms.WorkshopForm" in names
    assert "portfolio.forms.GoalForm" in names


@pytest.mark.parametrize("field", list(_date_fields()))
def test_each_date_widget_renders_an_iso_value_it_reads_back(field):
    widget = field.widget
    if isinstance(field, forms.DateTimeField):
        value, shown = timezone.make_aware(MOMENT), "2027-07-14T09:30"
    else:
        value, shown = DAY, "2027-07-14"
    html = widget.render("when", value)
    assert f'value="{shown}"' in html
    assert widget.input_type in ("date", "datetime-local")
    assert field.clean(widget.format_value(value)) == value
