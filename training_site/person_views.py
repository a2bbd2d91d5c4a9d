"""Pages for onboarding people: one-time sign-in links, sending them, and editing a person."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_POST

from training_site.access import role_required
from training_site.forms import PersonForm, SetPasswordForm
from training_site.models import User
from training_site.onboarding import sign_in_link_send, sign_in_link_tokens, sign_in_links_send
from training_site.scoping import MANAGING_ROLES, get_manageable_person_or_404, people_manageable_by
from training_site.services import person_update

LINK_STATUS = {"invalid": 404, "used": 410, "expired": 410}


def _person_from_link(uidb64):
    """Return the open account a link names, or None."""
    try:
        return User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None


def sign_in_link(request, uidb64, token):
    """Set a password from a one-time link, then arrive signed in on the home page."""
    if not settings.PASSWORD_SIGN_IN:
        messages.info(request, "Sign in with your organisation account.")
        return redirect("login")
    person = _person_from_link(uidb64)
    state = sign_in_link_tokens.state(person, token)
    if state != "valid":
        context = {"state": state, "days": settings.SIGN_IN_LINK_DAYS}
        template = "registration/sign_in_link_invalid.html"
        return render(request, template, context, status=LINK_STATUS[state])
    form = SetPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set and you are signed in.")
        return redirect("home")
    return render(request, "registration/sign_in_link.html", {"form": form, "person": person})


@require_POST
@role_required(*MANAGING_ROLES)
def person_sign_in_link_send(request, pk):
    """Send one person a fresh sign-in link."""
    person = get_manageable_person_or_404(request.user, pk)
    sign_in_link_send(person)
    messages.success(request, f"Sent a sign-in link to {person.email}.")
    return redirect("person-detail", pk=person.pk)


@require_POST
@role_required(*MANAGING_ROLES)
def people_sign_in_links_send(request):
    """Send a sign-in link to everyone in scope who has never signed in."""
    people = (
        people_manageable_by(request.user)
        .exclude(pk=request.user.pk)
        .filter(is_active=True, last_login__isnull=True)
    )
    count = sign_in_links_send(people)
    if count:
        noun = "person" if count == 1 else "people"
        messages.success(request, f"Sent sign-in links to {count} {noun} who had never signed in.")
    else:
        messages.info(request, "Everyone in your organisations has signed in: no links sent.")
    return redirect("people-list")


@role_required(*MANAGING_ROLES)
def person_edit(request, pk):
    """Correct a person's name and email; each change is kept in its history."""
    person = get_manageable_person_or_404(request.user, pk)
    form = PersonForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        changes = person_update(person=person, editor=request.user, **form.cleaned_data)
        messages.success(request, "Saved: " + "; ".join(changes) if changes else "Nothing changed.")
        return redirect("person-detail", pk=person.pk)
    return render(request, "training_site/person_edit.html", {"form": form, "person": person})
