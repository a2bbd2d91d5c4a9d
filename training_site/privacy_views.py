"""Subject access and erasure: network administrators' pages and each person's own download."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from training_site.access import role_required
from training_site.erasure import erasure_plan, person_erase
from training_site.forms import NHSUKFormMixin
from training_site.models import Role, SubjectAccessRequest, User
from training_site.privacy_tables import SubjectAccessRequestTable
from training_site.services import subject_access_export, subject_access_request_record
from training_site.widgets import DateInput

REQUESTS_PER_PAGE = 50


def account_by_email(email):
    """The account signing in with the email, whatever its case, or None."""
    return User.objects.filter(email__iexact=email.strip()).first()


class SubjectAccessRequestForm(NHSUKFormMixin, forms.Form):
    """Record a request: whose data, and the day it was received."""

    email = forms.EmailField(label="Email address of the person asking")
    received_on = forms.DateField(label="Date the request was received", widget=DateInput)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        help_text="How the request arrived, and anything agreed about it.",
    )

    def clean_email(self):
        """Find the account; an unknown email records nothing."""
        person = account_by_email(self.cleaned_data["email"])
        if person is None:
            raise forms.ValidationError(
                "No account signs in with this email address. Check it with the person asking."
            )
        self.cleaned_data["person"] = person
        return person.email

    def clean_received_on(self):
        """A request cannot be received in the future."""
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError("The request cannot have been received in the future.")
        return received_on


class ErasureConfirmForm(NHSUKFormMixin, forms.Form):
    """Confirm an erasure by typing the person's email address."""

    email = forms.CharField(label="Type the person's email address to confirm")

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_email(self):
        """The typed email must be the person's own."""
        email = self.cleaned_data["email"].strip()
        if email.lower() != self.person.email.lower():
            raise forms.ValidationError(
                f"The email typed is not {self.person.email}. Nothing has been erased."
            )
        return email


def zip_response(archive, person):
    """The export as a zip download."""
    response = HttpResponse(archive, content_type="application/zip")
    filename = f"personal-data-{person.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(Role.NETWORK_ADMIN)
def privacy_requests(request):
    """List subject access requests with their deadlines, and record a new one."""
    form = SubjectAccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        subject_access_request_record(
            person=data["person"],
            received_on=data["received_on"],
            recorded_by=request.user,
            note=data["note"],
        )
        messages.success(request, f"Recorded a subject access request for {data['email']}.")
        return redirect("privacy-requests")
    rows = SubjectAccessRequest.objects.select_related("person", "recorded_by")
    table = SubjectAccessRequestTable(rows, request=request)
    RequestConfig(request, paginate={"per_page": REQUESTS_PER_PAGE}).configure(table)
    return render(request, "training_site/privacy_requests.html", {"form": form, "table": table})


@require_POST
@role_required(Role.NETWORK_ADMIN)
def privacy_request_export(request, pk):
    """Download the person's export, completing the request."""
    requests = SubjectAccessRequest.objects.select_related("person")
    subject_request = get_object_or_404(requests, pk=pk)
    person = subject_request.person
    archive = subject_access_export(person=person, request=request, subject_request=subject_request)
    return zip_response(archive, person)


@role_required(Role.NETWORK_ADMIN)
def privacy_person_erase(request, pk):
    """Show what erasing a person changes; erase once their email is typed to confirm."""
    person = get_object_or_404(User, pk=pk)
    refused = person == request.user
    form = ErasureConfirmForm(request.POST or None, person=person)
    if request.method == "POST" and not refused and form.is_valid():
        person_erase(person=person, actor=request.user, request=request)
        messages.success(request, f"Erased the personal data of account {person.pk}.")
        return redirect("privacy-requests")
    context = {"person": person, "plan": erasure_plan(person), "form": form, "refused": refused}
    return render(request, "training_site/privacy_erase.html", context)


@require_POST
@login_required
def my_data_export(request):
    """Download the signed-in person's own export."""
    archive = subject_access_export(person=request.user, request=request)
    return zip_response(archive, request.user)
