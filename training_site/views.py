"""Pages of the site itself: home, people, organisations, account and signing in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django_tables2 import RequestConfig
from wagtail import hooks

from training_site import queries, second_factor
from training_site.access import role_required
from training_site.filters import PeopleFilter
from training_site.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm, SignInForm
from training_site.home import home_sections
from training_site.organisation_tables import OrganisationTable
from training_site.scoping import (
    MANAGING_ROLES,
    get_visible_person_or_404,
    people_manageable_by,
)
from training_site.tables import PeopleTable

PEOPLE_PER_PAGE = 25
ORGANISATIONS_PER_PAGE = 25


@login_required
def home(request):
    """Show what needs the signed-in person's attention in each of its roles."""
    return render(request, "training_site/home.html", {"sections": home_sections(request)})


@role_required(*MANAGING_ROLES)
def people_list(request):
    """List the people in the organisations the signed-in person manages."""
    people = PeopleFilter(
        request.GET, queryset=queries.people_in_scope(request.user), user=request.user
    )
    table = PeopleTable(people.qs)
    RequestConfig(request, paginate={"per_page": PEOPLE_PER_PAGE}).configure(table)
    return render(request, "training_site/people_list.html", {"filter": people, "table": table})


@login_required
def person_detail(request, pk):
    """Show one person's roles, if the signed-in person may see them."""
    person = get_visible_person_or_404(request.user, pk)
    links = [
        link for hook in hooks.get_hooks("register_person_links") for link in hook(request, person)
    ]
    return render(
        request,
        "training_site/person_detail.html",
        {
            "person": person,
            "memberships": queries.memberships_seen_by(request.user, person),
            "links": links,
            "may_manage": people_manageable_by(request.user).filter(pk=person.pk).exists(),
            "events": person.events.select_related("actor")[:50],
            "may_reset_second_factor": second_factor.may_reset_second_factor(request.user),
        },
    )


@role_required(*MANAGING_ROLES)
def organisation_list(request):
    """Show the organisation tree below what the signed-in person manages."""
    organisations = queries.organisations_in_scope(request.user)
    table = OrganisationTable(organisations)
    RequestConfig(request, paginate={"per_page": ORGANISATIONS_PER_PAGE}).configure(table)
    return render(request, "training_site/organisation_list.html", {"table": table})


@login_required
def account(request):
    """Show the signed-in person's own details and roles."""
    return render(
        request,
        "training_site/account.html",
        {
            "memberships": queries.memberships_of(request.user),
            "has_second_factor": second_factor.has_second_factor(request.user),
        },
    )


class SignInView(auth_views.LoginView):
    """Sign in with an email address; repeated failures are throttled by django-axes."""

    form_class = SignInForm
    redirect_authenticated_user = True
    emergency = False

    def get_context_data(self, **kwargs):
        """Offer the organisation account, and the password form where it may be used."""
        context = super().get_context_data(**kwargs)
        context.update(
            single_sign_on=settings.SINGLE_SIGN_ON,
            provider_name=settings.OIDC_PROVIDER_NAME,
            password_form=settings.PASSWORD_SIGN_IN or self.emergency,
            emergency=self.emergency and not settings.PASSWORD_SIGN_IN,
        )
        return context

    def form_valid(self, form):
        """Clear failed attempts now for a person with no second step to take."""
        response = super().form_valid(form)
        if not second_factor.has_second_factor(form.get_user()):
            second_factor.forget_failures(form.get_user())
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change a known password and say so."""

    form_class = PasswordChangeForm
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        """Confirm the change on the account page."""
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Send a link to set a new password."""

    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from an emailed link."""

    form_class = SetPasswordForm
