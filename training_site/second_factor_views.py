"""Pages of two-step sign-in: enter a code, use a recovery code, set up an app, reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from training_site import second_factor
from training_site.forms import SecondFactorCodeForm
from training_site.scoping import get_visible_person_or_404


def next_page(request):
    """Return the page asked for before two-step sign-in, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return settings.LOGIN_REDIRECT_URL


def locked_out(request):
    """Show the lockout page for too many wrong passwords or codes."""
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_timedelta": settings.AXES_COOLOFF_TIME},
        status=429,
    )


@login_required
def enter_code(request, recovery=False):
    """Ask for a code from the authenticator app, or a recovery code, to finish signing in."""
    if second_factor.is_verified(request):
        return redirect(next_page(request))
    if not second_factor.has_second_factor(request.user):
        return redirect("second-factor-set-up")
    if second_factor.is_locked_out(request):
        return locked_out(request)
    form = SecondFactorCodeForm(request.POST or None)
    if form.is_valid():
        if second_factor.verify_code(request, form.cleaned_data["code"], recovery=recovery):
            second_factor.forget_failures(request.user)
            return redirect(next_page(request))
        if second_factor.is_locked_out(request):
            return locked_out(request)
        form.add_error("code", "The code is not right. Check it and try again.")
    template = "registration/second_factor_recovery.html" if recovery else None
    return render(
        request,
        template or "registration/second_factor.html",
        {"form": form, "next": next_page(request)},
    )


@login_required
def set_up(request):
    """Add an authenticator app: show its QR code and secret, confirm it with a code."""
    if second_factor.has_second_factor(request.user) and not second_factor.is_verified(request):
        return redirect("second-factor")
    device = second_factor.app_device_to_confirm(request.user)
    form = SecondFactorCodeForm(request.POST or None)
    if form.is_valid():
        codes = second_factor.confirm_app_device(request, device, form.cleaned_data["code"])
        if codes is not None:
            second_factor.forget_failures(request.user)
            return render(
                request,
                "registration/second_factor_codes.html",
                {"codes": codes, "next": next_page(request)},
            )
        form.add_error("code", "The code is not right. Check the time on your phone and try again.")
    context = {
        "form": form,
        "next": next_page(request),
        "secret": second_factor.secret_of(device),
        "qr_code": second_factor.qr_code_svg(device),
    }
    return render(request, "registration/second_factor_set_up.html", context)


@require_POST
@login_required
def reset(request, pk):
    """Remove a person's authenticator app so it sets one up again at its next sign-in."""
    if not second_factor.may_reset_second_factor(request.user):
        raise Http404
    person = get_visible_person_or_404(request.user, pk)
    second_factor.reset_second_factor(person=person, by=request.user)
    messages.success(request, f"{person.get_full_name()} will set up two-step sign-in again.")
    return redirect("person-detail", pk=person.pk)
