"""Forms for CPD activity done elsewhere and for choosing what goes in an appraisal pack."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from competences.forms import evidence_file_check
from portfolio.forms import file_format_field
from portfolio.models import CpdActivity
from training_site.forms import NHSUKFormMixin
from training_site.widgets import DateInput

APPRAISAL_YEAR_STARTS = 4
"""The month an appraisal year starts in, unless the person chooses another: April."""

MONTHS = [(n, timezone.datetime(2000, n, 1).strftime("%B")) for n in range(1, 13)]
YEARS_BACK = 6


class CpdActivityForm(NHSUKFormMixin, forms.ModelForm):
    """CPD activity done elsewhere: what, when, how many hours and any evidence."""

    class Meta:
        model = CpdActivity
        fields = ["title", "date", "hours", "participatory", "evidence", "notes"]
        labels = {"hours": "Hours", "participatory": "It was participatory learning"}
        help_texts = {
            "title": "For example: a course, a conference, reading or an online module.",
            "hours": "From 0.5 to 100, in half hours.",
            "evidence": "Optional. PDF, Word, text or an image, up to 10 MB.",
        }
        widgets = {
            "date": DateInput(),
            "hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "100"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Say what you did."},
            "date": {"required": "Give the date.", "invalid": "Give the date as a real date."},
            "hours": {"required": "Give the hours.", "invalid": "Give the hours as a number."},
        }

    def clean_date(self):
        """An activity done elsewhere is already done."""
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("Give a date that is today or before.")
        return date

    def clean_hours(self):
        """Count hours in halves, from half an hour to a hundred."""
        hours = self.cleaned_data["hours"]
        if hours < Decimal("0.5"):
            raise forms.ValidationError("Give at least half an hour.")
        if hours > 100:
            raise forms.ValidationError("Give at most 100 hours.")
        if (hours * 2) % 1:
            raise forms.ValidationError("Give the hours in half hours, such as 1.5.")
        return hours

    def clean_evidence(self):
        """Accept only documents and images of a sensible size, as for competence evidence."""
        return evidence_file_check(self.cleaned_data.get("evidence"))


def appraisal_years(today=None, starts=APPRAISAL_YEAR_STARTS):
    """Return the choice of appraisal years, the current one first, by the year each starts."""
    today = today or timezone.localdate()
    current = today.year if today.month >= starts else today.year - 1
    return [current - n for n in range(YEARS_BACK)]


class AppraisalPackForm(NHSUKFormMixin, forms.Form):
    """Choose the year of an appraisal pack, the reflections in it and the file's format."""

    year = forms.TypedChoiceField(label="Appraisal year starting in", coerce=int)
    starts = forms.TypedChoiceField(
        label="Month the year starts",
        choices=MONTHS,
        coerce=int,
        initial=APPRAISAL_YEAR_STARTS,
        help_text="Most appraisal years run from April to March.",
    )
    reflections = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Reflections to include",
        help_text="Only the reflections ticked here go in the pack.",
    )
    file_format = file_format_field()

    def __init__(self, *args, reflections, **kwargs):
        super().__init__(*args, **kwargs)
        years = appraisal_years()
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].initial = years[0]
        self.fields["reflections"].queryset = reflections
        self.fields["reflections"].label_from_instance = lambda r: (
            f"{r.title} ({r.get_status_display().lower()}, {r.updated_at:%d %b %Y})"
        )
