"""What trainers type into the rota, what HCPs type into a care plan, the library's filters."""

from django import forms

from competences.models import Competence
from simulations.models import CareDomain, CarePlan, CarePlanAction, Difficulty
from training_site.action_plans import action_plan_formset
from training_site.forms import NHSUKFormMixin
from training_site.widgets import DateTimeInput


class PersonChoiceField(forms.ModelChoiceField):
    """A person shown by full name."""

    def label_from_instance(self, obj):
        """Show the name, not the email."""
        return obj.get_full_name() or obj.email


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Several people shown by full name."""

    def label_from_instance(self, obj):
        """Show the name, not the email."""
        return obj.get_full_name() or obj.email


class ScenarioFilterForm(NHSUKFormMixin, forms.Form):
    """Narrow the scenario library by domain, difficulty and target competence."""

    domain = forms.ChoiceField(
        label="Care planning domain",
        choices=[("", "Any domain"), *CareDomain.choices],
        required=False,
    )
    difficulty = forms.ChoiceField(
        label="Difficulty", choices=[("", "Any difficulty"), *Difficulty.choices], required=False
    )
    competence = forms.ModelChoiceField(
        label="Target competence",
        queryset=Competence.objects.filter(scenarios__isnull=False).distinct().order_by("code"),
        empty_label="Any competence",
        required=False,
    )


class SessionForm(NHSUKFormMixin, forms.Form):
    """One simulated consultation in a workshop's rota."""

    starts_at = forms.DateTimeField(
        label="Starts at",
        widget=DateTimeInput(),
        error_messages={
            "required": "Enter the time the consultation starts.",
            "invalid": "Enter a date and time, for example 14/03/2027 10:30.",
        },
    )
    room = forms.CharField(
        label="Room (optional)", max_length=100, required=False, help_text="For example Room 2."
    )
    hcp = PersonChoiceField(
        label="HCP who consults",
        queryset=None,
        empty_label="Choose an HCP",
        help_text="HCPs booked on or attending this workshop.",
        error_messages={"required": "Choose the HCP who plays the consultation."},
    )
    scenario = forms.ModelChoiceField(
        label="Scenario",
        queryset=None,
        empty_label="Choose a scenario",
        error_messages={"required": "Choose the scenario to play."},
    )
    representative = PersonChoiceField(
        label="Representative with an account",
        queryset=None,
        required=False,
        empty_label="No account",
        help_text="Leave as “No account” and give a first name below when the representative "
        "has no account.",
    )
    representative_name = forms.CharField(
        label="Representative's first name or pseudonym",
        max_length=100,
        required=False,
        help_text="What the HCP calls the representative. Needed when they have no account.",
    )
    observers = PeopleChoiceField(
        label="Observers (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Other HCPs at the workshop, or its trainers.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hcp"].queryset = people["hcps"]
        self.fields["scenario"].queryset = people["scenarios"]
        self.fields["representative"].queryset = people["representatives"]
        self.fields["observers"].queryset = people["observers"]

    def clean(self):
        """Ask for a representative one way or the other."""
        cleaned = super().clean()
        if not cleaned.get("representative") and not cleaned.get("representative_name"):
            self.add_error(
                "representative_name",
                "Choose a representative with an account, or give the representative's first name.",
            )
        return cleaned


class CarePlanForm(NHSUKFormMixin, forms.ModelForm):
    """What was raised in the consultation and what the two agreed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = CarePlan
        fields = ["learning_about", "managing", "living_with", "other_issues", "goals"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        help_texts = {"goals": "What the person chose to work on first, in their words."}


CarePlanActionFormSet = action_plan_formset(CarePlan, CarePlanAction, extra=1)
