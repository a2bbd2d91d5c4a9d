"""Choosing the dates of a gap profile."""

from datetime import date

from django import forms
from django.utils import timezone

from training_site.forms import NHSUKFormMixin
from training_site.widgets import DateInput

EARLIEST = date(2000, 1, 1)


class GapScopeForm(NHSUKFormMixin, forms.Form):
    """As on which date, compared with which earlier date."""

    on = forms.DateField(
        label="As on",
        required=False,
        help_text="Leave empty for today.",
        widget=DateInput(),
    )
    compare = forms.DateField(
        label="Compare with",
        required=False,
        help_text="An earlier date, such as before a wave of workshops.",
        widget=DateInput(),
    )

    def clean(self):
        """Refuse future dates and a comparison date after the profile's date."""
        cleaned = super().clean()
        today = timezone.localdate()
        on, compare = cleaned.get("on") or today, cleaned.get("compare")
        if on > today:
            self.add_error("on", "The date must be today or in the past.")
        for name in ("on", "compare"):
            if cleaned.get(name) and cleaned[name] < EARLIEST:
                self.add_error(name, f"The date must be after {EARLIEST:%d/%m/%Y}.")
        if compare and compare >= on:
            self.add_error("compare", "The comparison date must be before the profile's date.")
        return cleaned
