"""Checking a certificate of attendance by its reference, and withdrawing one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from training_site.access import role_required
from training_site.scoping import RUNNING_ROLES
from workshops.certificate_services import certificate_withdraw
from workshops.models import REFERENCE_LENGTH, Certificate, normalise_certificate_reference
from workshops.views import run_by_or_404


class CertificateLookupForm(forms.Form):
    """The reference printed at the foot of a certificate."""

    reference = forms.CharField(
        label="Certificate reference",
        help_text="Printed at the foot of the certificate, for example ABCD-EFGH-JKMN-PQRS.",
        max_length=40,
        error_messages={"required": "Enter the certificate reference."},
    )

    def clean_reference(self):
        """Accept the reference with or without hyphens and spaces, in any case."""
        reference = normalise_certificate_reference(self.cleaned_data["reference"])
        if len(reference) != REFERENCE_LENGTH:
            raise ValidationError(
                f"A certificate reference has {REFERENCE_LENGTH} letters and numbers."
            )
        return reference


class CertificateWithdrawForm(forms.Form):
    """Why a certificate is withdrawn."""

    reason = forms.CharField(
        label="Why is the certificate withdrawn?",
        help_text="Kept in the booking history. The check page says only that it is withdrawn.",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the certificate is withdrawn."},
    )


def certificate_lookup(request):
    """Anyone: type in a certificate's reference to check it."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("certificate-check", form.cleaned_data["reference"])
    return render(request, "workshops/certificate_lookup.html", {"form": form})


def certificate_check(request, reference):
    """Anyone, without signing in: say whether a certificate is genuine, and nothing more."""
    certificate = (
        Certificate.objects.select_related("booking__hcp", "booking__workshop__site")
        .filter(reference=normalise_certificate_reference(reference))
        .first()
    )
    if certificate is None:
        return render(
            request,
            "workshops/certificate_unknown.html",
            {"form": CertificateLookupForm(initial={"reference": reference})},
            status=404,
        )
    return render(request, "workshops/certificate_check.html", {"certificate": certificate})


@role_required(*RUNNING_ROLES)
@require_http_methods(["GET", "POST"])
def certificate_withdraw_view(request, pk, booking_pk):
    """A trainer or site manager withdraws a certificate of its workshop, giving a reason."""
    workshop = run_by_or_404(request, pk)
    certificate = get_object_or_404(
        Certificate.objects.select_related("booking__hcp", "booking__workshop"),
        booking__workshop=workshop,
        booking_id=booking_pk,
        withdrawn_at=None,
    )
    form = CertificateWithdrawForm(request.POST or None)
    if form.is_valid():
        try:
            certificate_withdraw(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{certificate.booking.hcp.get_full_name()}'s certificate "
                f"{certificate.display_reference} is withdrawn.",
            )
        return redirect("workshops:detail", workshop.pk)
    return render(
        request,
        "workshops/certificate_withdraw.html",
        {"workshop": workshop, "certificate": certificate, "form": form},
    )
