"""Forms for signing in, account management and the content admin's user screens."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.signals import user_login_failed
from django.template.loader import render_to_string
from wagtail.admin.forms.account import NameEmailForm
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtailnhsukfrontend.forms.renderers import NHSUKFrontendRenderer

from training_site.emails import email_queue
from training_site.models import Membership, Organisation, OrganisationKind, User
from training_site.services import email_change_record, organisation_create


class NHSUKFormMixin:
    """Renders widgets with the NHS.UK frontend templates (radios, checkboxes)."""

    default_renderer = NHSUKFrontendRenderer


class SignInForm(NHSUKFormMixin, auth_forms.AuthenticationForm):
    """Sign in with an email address and password."""

    error_messages = {
        "invalid_login": "Enter a correct email address and password. "
        "The password is case-sensitive.",
        "inactive": "This account has been closed. Ask your network administrator to reopen it.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")

    def confirm_login_allowed(self, user):
        """With password sign-in off, refuse every password but a superuser's (break glass).

        The refusal reads like a wrong password and counts towards the lockout, so the form
        never tells whether a password it will not accept was right.
        """
        super().confirm_login_allowed(user)
        if not settings.PASSWORD_SIGN_IN and not user.is_superuser:
            credentials = {"username": self.cleaned_data.get("username")}
            user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
            raise self.get_invalid_login_error()


class PasswordChangeForm(NHSUKFormMixin, auth_forms.PasswordChangeForm):
    """Change a known password."""


class PasswordResetForm(NHSUKFormMixin, auth_forms.PasswordResetForm):
    """Ask for a link to set a new password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"

    def get_users(self, email):
        """Include open accounts that have never set a password, such as imported staff."""
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queue the reset link like every other email, rendered here and sent by the worker."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        email_queue(
            to=to_email,
            subject=subject,
            body=render_to_string(email_template_name, context),
            html=(
                render_to_string(html_email_template_name, context)
                if html_email_template_name
                else None
            ),
        )


class SetPasswordForm(NHSUKFormMixin, auth_forms.SetPasswordForm):
    """Set a new password from a reset link."""


class PersonForm(NHSUKFormMixin, forms.Form):
    """Correct a person's name and email address."""

    first_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter the first name."}
    )
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the email address.",
            "invalid": "Enter an email address like name@example.nhs.uk.",
        },
    )

    def __init__(self, *args, person, **kwargs):
        self.person = person
        kwargs.setdefault(
            "initial",
            {"first_name": person.first_name, "last_name": person.last_name, "email": person.email},
        )
        super().__init__(*args, **kwargs)

    def clean_email(self):
        """Refuse an address another person's account already uses."""
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exclude(pk=self.person.pk).exists():
            raise forms.ValidationError(
                f"{email} is already the email address of another account. "
                "Each person needs their own address."
            )
        return email


class WagtailUserCreationForm(UserCreationForm):
    """The content admin's form for a new person, with the profession."""

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"profession"}


class EmailChangeConfirmMixin(forms.Form):
    """Ask whoever changes an email address for its own password; tell the old address."""

    current_password = forms.CharField(
        label="Your current password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Needed only to change the email address.",
    )

    def __init__(self, *args, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor or self.instance
        # As stored: Wagtail's account page hands every form the same, already edited, user.
        stored = User.objects.filter(pk=self.instance.pk).values_list("email", flat=True)
        self.old_email = stored.first() or self.instance.email

    def clean(self):
        """Refuse an email change unless the editor's current password is given."""
        cleaned = super().clean()
        changed = cleaned.get("email") not in (None, self.old_email)
        password = cleaned.get("current_password") or ""
        if changed and not self.editor.check_password(password):
            self.add_error(
                "current_password", "Enter your current password to change the email address."
            )
        return cleaned

    def save(self, *args, **kwargs):
        """Save, then record an email change and tell the old address."""
        person = super().save(*args, **kwargs)
        if person.email != self.old_email:
            email_change_record(person=person, editor=self.editor, old_email=self.old_email)
        return person


class WagtailUserEditForm(EmailChangeConfirmMixin, UserEditForm):
    """The content admin's form for an existing person, with the profession."""

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"profession"}


class AccountNameEmailForm(EmailChangeConfirmMixin, NameEmailForm):
    """A content editor's own name and email; changing the email needs its password."""


class OrganisationForm(forms.ModelForm):
    """Create an organisation below a parent, or rename one."""

    parent = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        help_text="Leave empty only for a new network.",
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "code"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["parent"]

    def clean(self):
        """Ask for a parent unless the new organisation is a network."""
        cleaned = super().clean()
        if (
            not self.instance.pk
            and not cleaned.get("parent")
            and cleaned.get("kind") != OrganisationKind.NETWORK
        ):
            self.add_error("parent", "Choose the organisation this one belongs to.")
        return cleaned

    def save(self, commit=True):
        """Place a new organisation in the tree below its parent."""
        if self.instance.pk:
            return super().save(commit=commit)
        return organisation_create(
            parent=self.cleaned_data.get("parent"),
            name=self.cleaned_data["name"],
            kind=self.cleaned_data["kind"],
            code=self.cleaned_data["code"],
        )


class MembershipForm(forms.ModelForm):
    """Give a person a role in an organisation."""

    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)


def form_add_service_error(form, error):
    """Show a service's ValidationError on the form: beside its field, or above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class SecondFactorCodeForm(NHSUKFormMixin, forms.Form):
    """A code from an authenticator app or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=16,
        error_messages={"required": "Enter the code."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
