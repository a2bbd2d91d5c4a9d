"""What observers and the people observed type at each stage of a QA observation."""

import textwrap

from django import forms
from django.db.models import Q
from django.utils import timezone

from quality.models import MeasureFinding, QAAction, QAObservation, QualityIndicator
from quality.queries import observable_people, observation_settings_for
from training_site.action_plans import action_plan_formset
from training_site.forms import NHSUKFormMixin
from training_site.scoping import organisations_above
from training_site.widgets import DateInput

QAActionFormSet = action_plan_formset(QAObservation, QAAction)


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    """Indicators as checkboxes labelled by their titles."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        """Label an indicator by its title."""
        return obj.title


class PersonChoiceField(forms.ModelChoiceField):
    """People labelled by name and email, so two people of one name can be told apart."""

    def label_from_instance(self, obj):
        """Label a person by name and email."""
        return f"{obj.get_full_name()} ({obj.email})"


class VersionedForm(NHSUKFormMixin, forms.Form):
    """A stage form carrying the version of the observation it was opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class QAPlanForm(NHSUKFormMixin, forms.Form):
    """Plan an observation: whom, where, when and against which indicators."""

    observed = PersonChoiceField(
        label="Who will you observe?",
        queryset=None,
        empty_label="Choose a person",
        error_messages={"required": "Choose the person you will observe."},
    )
    organisation = forms.ModelChoiceField(
        label="Where?",
        help_text="The practice or team where the consultation takes place.",
        queryset=None,
        empty_label="Choose a practice or team",
        error_messages={"required": "Choose the practice or team."},
    )
    observed_on = forms.DateField(
        label="On what date?",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date of the observation.",
            "invalid": "Enter a real date, for example 17 3 2026.",
        },
    )
    indicators = IndicatorChoiceField(
        label="Which indicators will you observe against?",
        queryset=None,
        error_messages={"required": "Choose at least one indicator to observe against."},
    )

    def __init__(self, *args, observer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observed"].queryset = observable_people(observer)
        self.fields["organisation"].queryset = observation_settings_for(observer).order_by("name")
        self.fields["indicators"].queryset = QualityIndicator.objects.active().filter(
            Q(organisation__isnull=True)
            | Q(organisation__in=organisations_above(observer).values("pk"))
            | Q(organisation__in=observation_settings_for(observer).values("pk"))
        )
        self.fields["observed_on"].initial = timezone.localdate()


class QABeforeForm(VersionedForm):
    """The discussion before the observation: what the person observed is concerned about."""

    concern_indicators = IndicatorChoiceField(
        label="Which indicators is the person particularly concerned about?",
        help_text="Leave all unticked if there are none in particular.",
        queryset=None,
        required=False,
    )
    concerns_before = forms.CharField(
        label="Concerns raised before the observation",
        help_text="In the person's own words where you can. Do not identify the patient.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, *args, observation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern_indicators"].queryset = observation.indicators.all()


class QADuringForm(VersionedForm):
    """Each measure in place, partly, not in place or not observed, with a note."""

    def __init__(self, *args, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        for block in blocks:
            for row in block.rows:
                measure = row.measure
                short = textwrap.shorten(measure.text, 60, placeholder="…")
                self.fields[f"measure_{measure.pk}"] = forms.ChoiceField(
                    label=measure.text,
                    choices=MeasureFinding.choices,
                    widget=forms.RadioSelect,
                    initial=row.result.result if row.result else None,
                    error_messages={"required": f"Say whether this was in place: {short}"},
                )
                self.fields[f"note_{measure.pk}"] = forms.CharField(
                    label="Note (optional)",
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                    initial=row.result.note if row.result else "",
                )

    def grouped(self):
        """Yield each indicator with the bound result and note fields of its measures."""
        for block in self.blocks:
            yield (
                block,
                [
                    (self[f"measure_{row.measure.pk}"], self[f"note_{row.measure.pk}"])
                    for row in block.rows
                ],
            )

    def findings(self):
        """Return each measure's id mapped to its result and note."""
        return {
            int(name.removeprefix("measure_")): (value, self.cleaned_data[f"note_{name[8:]}"])
            for name, value in self.cleaned_data.items()
            if name.startswith("measure_")
        }


class QAAfterForm(VersionedForm):
    """The discussion afterwards and the action document drawn up from it."""

    discussion_after = forms.CharField(
        label="Discussion after the observation",
        help_text="How far the measures were in place, as you both saw it.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say what was discussed after the observation."},
    )
    action_document = forms.CharField(
        label="Action document: what you agreed overall",
        help_text="The actions below are added to the person's development plan when it agrees.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class QAAgreeForm(VersionedForm):
    """The person observed agrees the write-up, with any comment of its own."""

    observed_comment = forms.CharField(
        label="Your comments (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    confirm = forms.BooleanField(
        label="I have read this observation and agree it",
        error_messages={"required": "Tick to say you have read and agree the observation."},
    )
