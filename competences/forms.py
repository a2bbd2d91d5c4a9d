"""What people type about competences: ratings, evidence, requests and verifications."""

from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from competences.models import EvidenceKind, Proficiency
from training_site.forms import NHSUKFormMixin
from training_site.patient_identifiers import identifying_details
from training_site.widgets import DateInput

EVIDENCE_EXTENSIONS = {".pdf", ".doc", ".docx", ".odt", ".txt", ".png", ".jpg", ".jpeg"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def evidence_file_check(upload):
    """Return an uploaded evidence file if it is a document or image of a sensible size."""
    if not isinstance(upload, UploadedFile):
        return upload
    if Path(upload.name).suffix.lower() not in EVIDENCE_EXTENSIONS:
        raise forms.ValidationError("The file must be a PDF, Word, text or image file.")
    if upload.size > EVIDENCE_MAX_BYTES:
        raise forms.ValidationError("The file must be smaller than 10 MB.")
    return upload


class SelfAssessmentForm(NHSUKFormMixin, forms.Form):
    """Rate yourself on a competence and say why."""

    level = forms.TypedChoiceField(
        label="How well can you do this?",
        choices=Proficiency.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the level that best describes you."},
    )
    statement = forms.CharField(
        label="What do you do that shows this?",
        help_text="Describe real consultations or tasks. Do not include anything that could "
        "identify a patient.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Describe what you do that shows this competence."},
    )
    identifiers_checked = forms.BooleanField(
        label="I have checked: no one can be identified from what I wrote", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        """Stop a statement that looks as if it identifies a patient, unless confirmed."""
        data = super().clean()
        found = identifying_details(data.get("statement", ""))
        if found and not data.get("identifiers_checked"):
            self.add_error(
                "statement",
                f"This looks as if it contains {' and '.join(found)}. Remove anything that "
                "could identify a patient, or confirm below that no one can be identified.",
            )
            self.add_error(
                "identifiers_checked",
                "Confirm that no one can be identified from what you wrote, or change the text.",
            )
        return data


class EvidenceForm(NHSUKFormMixin, forms.Form):
    """Add something that supports a self-assessment."""

    kind = forms.ChoiceField(
        label="What kind of evidence is it?",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of evidence this is."},
    )
    description = forms.CharField(
        label="Describe it",
        max_length=500,
        help_text="For example: the workshop and its date, or who observed you and when.",
        error_messages={"required": "Describe the evidence."},
    )
    file = forms.FileField(
        label="Upload a file (optional)",
        required=False,
        help_text="PDF, Word, text or an image, up to 10 MB.",
    )

    def clean_file(self):
        """Accept only documents and images of a sensible size."""
        return evidence_file_check(self.cleaned_data.get("file"))

    def clean(self):
        """Require a file when the evidence is an uploaded file."""
        cleaned = super().clean()
        if cleaned.get("kind") == EvidenceKind.FILE and not cleaned.get("file"):
            self.add_error("file", "Choose the file to upload.")
        return cleaned


class RequestVerificationForm(NHSUKFormMixin, forms.Form):
    """Choose who should verify an assessment."""

    assessor = forms.ModelChoiceField(
        label="Who should verify it?",
        queryset=None,
        empty_label="Choose a trainer or manager",
        help_text="Trainers and managers in your organisations.",
        error_messages={"required": "Choose who should verify it."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors
        self.fields["assessor"].label_from_instance = lambda u: u.get_full_name() or u.email


class VerifyForm(NHSUKFormMixin, forms.Form):
    """Verify an assessment at a level, with a review date."""

    verified_level = forms.TypedChoiceField(
        label="Level you have seen",
        choices=Proficiency.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the level you have seen."},
    )
    expires_on = forms.DateField(
        label="Review by (optional)",
        required=False,
        help_text="For example, 31/03/2029. Leave empty to use the framework's review period.",
        widget=DateInput(),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label="Note for the person (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    observed_directly = forms.CharField(
        label="How you observed it directly",
        required=False,
        max_length=300,
        help_text="Needed only when there is no evidence: when and how you saw the person "
        "do this. Kept in the assessment's history.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, has_evidence=True, **kwargs):
        super().__init__(*args, **kwargs)
        if has_evidence:
            del self.fields["observed_directly"]

    def clean_expires_on(self):
        """Refuse a review date that is not in the future."""
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on and expires_on <= timezone.localdate():
            raise forms.ValidationError("The review date must be in the future.")
        return expires_on


class ReturnForm(NHSUKFormMixin, forms.Form):
    """Return an assessment with an action point."""

    action_point = forms.CharField(
        label="What should the person do before asking again?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the person needs to do next."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BulkVerifyForm(NHSUKFormMixin, forms.Form):
    """Choose several waiting assessments to verify at the levels claimed."""

    assessments = forms.ModelMultipleChoiceField(
        label="Assessments to verify",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one assessment to verify."},
    )

    def __init__(self, *args, queue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessments"].queryset = queue
        self.fields["assessments"].label_from_instance = lambda a: (
            f"{a.hcp.get_full_name()}: {a.competence.code} at level {a.level}"
        )
