"""Forms for reflections, sharing, development goals, the timeline filter and the export."""

from django import forms
from django.utils import timezone

from portfolio import queries
from portfolio.models import DevelopmentGoal, GoalAction, GoalStatus
from portfolio.queries import TIMELINE_KINDS
from portfolio.structures import ReflectiveModel, sections_of
from training_site.action_plans import action_plan_formset
from training_site.forms import NHSUKFormMixin
from training_site.patient_identifiers import identifying_details
from training_site.widgets import DateInput

CONFIRM_LABEL = "I have checked: no one can be identified from what I wrote"
TEXTAREA = {"rows": 5, "class": "yoc-autosave"}


def file_format_field():
    """Return the choice of a download's format: a PDF to read or JSON for machines."""
    return forms.ChoiceField(
        label="Format",
        choices=[("pdf", "PDF, to read or print"), ("json", "JSON, machine readable")],
        widget=forms.RadioSelect,
        initial="pdf",
    )


class ReflectionStructureForm(NHSUKFormMixin, forms.Form):
    """Choose the structure a new reflection follows."""

    structure = forms.ChoiceField(
        label="How do you want to structure your reflection?",
        choices=ReflectiveModel.choices,
        widget=forms.RadioSelect,
    )


class WorkshopChoiceField(forms.ModelChoiceField):
    """A workshop named with its date."""

    def label_from_instance(self, obj):
        return f"{obj.title}, {obj.starts_at:%d %b %Y}"


class SessionChoiceField(forms.ModelChoiceField):
    """A simulated consultation named by its scenario and workshop."""

    def label_from_instance(self, obj):
        return f"{obj.scenario.title} ({obj.workshop.title})"


class FeedbackChoiceField(forms.ModelChoiceField):
    """A feedback response named by its questionnaire and date."""

    def label_from_instance(self, obj):
        return f"{obj.version.instrument.name}, {obj.submitted_at:%d %b %Y}"


class ObservationChoiceField(forms.ModelChoiceField):
    """A QA observation named by its date."""

    def label_from_instance(self, obj):
        return f"QA observation on {obj.observed_on:%d %b %Y}"


class CompetenceChoiceField(forms.ModelMultipleChoiceField):
    """Competences named by code and title."""

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


class ReflectionForm(NHSUKFormMixin, forms.Form):
    """A reflection's sections for its structure, its context, competences and the privacy check."""

    title = forms.CharField(
        max_length=200, required=False, help_text="A few words to find it again."
    )
    consultation = forms.CharField(
        label="A consultation of your own (optional)",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Describe it without anything that identifies the person: no name, NHS "
        "number, date of birth or address.",
    )
    workshop = WorkshopChoiceField(
        queryset=None, required=False, empty_label="None", label="Workshop"
    )
    session = SessionChoiceField(
        queryset=None, required=False, empty_label="None", label="Simulated consultation"
    )
    feedback = FeedbackChoiceField(
        queryset=None, required=False, empty_label="None", label="Feedback you received"
    )
    observation = ObservationChoiceField(
        queryset=None, required=False, empty_label="None", label="QA observation"
    )
    competences = CompetenceChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Competences it evidences",
        help_text="A complete reflection becomes evidence towards each competence you choose.",
    )
    identifiers_checked = forms.BooleanField(label=CONFIRM_LABEL, required=False)

    def __init__(self, *args, author, structure, linked_competences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.section_names = []
        for section in sections_of(structure):
            name = f"section_{section.name}"
            self.section_names.append(name)
            self.fields[name] = forms.CharField(
                label=section.label,
                help_text=section.prompt,
                required=False,
                widget=forms.Textarea(attrs=TEXTAREA),
            )
        self.fields["workshop"].queryset = queries.workshops_of(author)
        self.fields["session"].queryset = queries.sessions_of(author)
        self.fields["feedback"].queryset = queries.feedback_about(author)
        self.fields["observation"].queryset = queries.observations_of(author)
        self.fields["competences"].queryset = queries.competences_for(author, linked_competences)
        self.warnings = {}

    def section_fields(self):
        """Return the bound fields of the structure's sections."""
        return [self[name] for name in self.section_names]

    def context_fields(self):
        """Return the bound fields linking to a workshop, session, feedback or observation."""
        return [self[name] for name in ("workshop", "session", "feedback", "observation")]

    def clean(self):
        """Warn next to each field that looks as if it identifies a patient, unless confirmed."""
        data = super().clean()
        for name in ["title", "consultation", *self.section_names]:
            found = identifying_details(data.get(name, ""))
            if found:
                self.warnings[name] = found
        if self.warnings and not data.get("identifiers_checked"):
            for name, found in self.warnings.items():
                self.add_error(
                    name,
                    f"This looks as if it contains {' and '.join(found)}. Remove anything that "
                    "could identify a patient, or confirm below that no one can be identified.",
                )
            self.add_error(
                "identifiers_checked",
                "Confirm that no one can be identified from what you wrote, or change the text.",
            )
        return data

    def service_arguments(self):
        """Return the cleaned data as the reflection service takes it."""
        data = self.cleaned_data
        return {
            "structure": self.structure,
            "title": data["title"],
            "sections": {
                name.removeprefix("section_"): data.get(name, "") for name in self.section_names
            },
            "consultation": data.get("consultation", ""),
            "competences": list(data.get("competences") or []),
            "identifiers_checked": bool(data.get("identifiers_checked")),
            **{name: data.get(name) for name in ("workshop", "session", "feedback", "observation")},
        }


def reflection_initial(reflection):
    """Return the reflection form's initial values from a stored reflection."""
    initial = {
        "title": reflection.title,
        "consultation": reflection.consultation,
        "workshop": reflection.workshop_id,
        "session": reflection.session_id,
        "feedback": reflection.feedback_id,
        "observation": reflection.observation_id,
        "competences": [c.pk for c in reflection.competences.all()],
        "identifiers_checked": reflection.identifiers_checked,
    }
    for name, text in reflection.sections.items():
        initial[f"section_{name}"] = text
    return initial


class PersonChoiceField(forms.ModelChoiceField):
    """A person named with their email."""

    def label_from_instance(self, obj):
        return f"{obj.get_full_name()} ({obj.email})"


class ShareForm(NHSUKFormMixin, forms.Form):
    """Choose a named trainer or manager to share a reflection with."""

    person = PersonChoiceField(
        queryset=None,
        label="Share with",
        empty_label="Choose a person",
        help_text="Only trainers and managers in your organisations can be chosen. "
        "You can withdraw the sharing at any time.",
    )

    def __init__(self, *args, reflection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = queries.people_to_share_with(reflection)


class GoalForm(NHSUKFormMixin, forms.ModelForm):
    """A development goal, often closing a gap in a competence."""

    competence = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Competence it develops (optional)",
        empty_label="None",
    )

    class Meta:
        model = DevelopmentGoal
        fields = ["title", "competence", "why", "importance", "confidence", "review_on"]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 3}),
            "review_on": DateInput(),
            "importance": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
            "confidence": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        }

    def __init__(self, *args, hcp, **kwargs):
        super().__init__(*args, **kwargs)
        linked = [self.instance.competence] if self.instance.competence_id else []
        self.fields["competence"].queryset = queries.competences_for(hcp, linked)
        self.fields["competence"].label_from_instance = lambda c: f"{c.code} {c.title}"

    def clean_review_on(self):
        """A new goal is reviewed in the future."""
        review_on = self.cleaned_data["review_on"]
        if not self.instance.pk and review_on < timezone.localdate():
            raise forms.ValidationError("Choose a review date from today onwards.")
        return review_on


GoalActionFormset = action_plan_formset(DevelopmentGoal, GoalAction)


class GoalReviewForm(NHSUKFormMixin, forms.Form):
    """How a goal came out at its review."""

    status = forms.ChoiceField(
        label="How did it go?", choices=GoalStatus.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label="What came of it",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What you did, what changed in your practice, and what next.",
    )
    reviewed_on = forms.DateField(label="Reviewed on", widget=DateInput())


class TimelineFilterForm(NHSUKFormMixin, forms.Form):
    """Filter the timeline by kind, dates and competence."""

    kind = forms.MultipleChoiceField(
        label="Show",
        choices=TIMELINE_KINDS.items(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = forms.DateField(label="From", required=False, widget=DateInput())
    end = forms.DateField(label="To", required=False, widget=DateInput())
    competence = forms.ModelChoiceField(
        queryset=None, required=False, label="Competence", empty_label="Any"
    )

    def __init__(self, *args, hcp, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = queries.competences_for(hcp)
        self.fields["competence"].label_from_instance = lambda c: f"{c.code} {c.title}"

    def clean(self):
        """The end of the range is not before its start."""
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date must be the same as or after the start date.")
        return data


EXPORT_PARTS = {
    "reflections": "Reflections",
    "goals": "Development plan",
    "feedback": "Feedback received",
    "workshops": "Workshops",
    "assessments": "Assessments",
}


class ExportForm(NHSUKFormMixin, forms.Form):
    """Choose what goes into an export of my portfolio, and its format."""

    parts = forms.MultipleChoiceField(
        label="What to include",
        choices=EXPORT_PARTS.items(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one part of your portfolio to export."},
    )
    reflections = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which reflections",
        help_text="Leave all unticked to include every complete reflection.",
    )
    file_format = file_format_field()

    def __init__(self, *args, hcp, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reflections"].queryset = queries.my_reflections(hcp)
        self.fields["reflections"].label_from_instance = lambda r: (
            f"{r.title} ({r.get_status_display().lower()}, {r.updated_at:%d %b %Y})"
        )
