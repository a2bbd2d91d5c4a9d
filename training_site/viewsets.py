"""Content admin screens for people, organisations and memberships."""

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.views.users import EditView as WagtailUserEditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from training_site.forms import (
    MembershipForm,
    OrganisationForm,
    WagtailUserCreationForm,
    WagtailUserEditForm,
)
from training_site.models import FailedEmail, Membership, Organisation


class UserEditView(WagtailUserEditView):
    """Edit a person; the editor's own password confirms a change of email address."""

    def get_form_kwargs(self):
        """Tell the form who is editing."""
        return {**super().get_form_kwargs(), "editor": self.request.user}


class UserViewSet(WagtailUserViewSet):
    """The content admin's user screens, with the person's profession."""

    edit_view_class = UserEditView

    def get_form_class(self, for_update=False):
        """Use the forms that include the profession."""
        return WagtailUserEditForm if for_update else WagtailUserCreationForm


class OrganisationViewSet(ModelViewSet):
    """Networks, sites, practices and teams."""

    model = Organisation
    icon = "site"
    menu_label = "Organisations"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "kind", "code", "depth"]
    list_filter = ["kind", "depth"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        """Ask for the parent of a new organisation; an existing one keeps its place."""
        return OrganisationForm


class MembershipViewSet(ModelViewSet):
    """Who holds which role where."""

    model = Membership
    icon = "group"
    menu_label = "Roles"
    add_to_admin_menu = True
    menu_order = 301
    list_display = ["user", "role", "organisation"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name"]

    def get_form_class(self, for_update=False):
        """Choose a person, an organisation and a role."""
        return MembershipForm


class RecordOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records written by the system: they may be viewed and deleted, never added or edited."""

    def user_has_permission(self, user, action):
        """Refuse adding and editing to everyone."""
        return action not in {"add", "change"} and super().user_has_permission(user, action)


class FailedEmailViewSet(ModelViewSet):
    """Emails that could not be sent after every attempt."""

    model = FailedEmail
    icon = "mail"
    menu_label = "Failed emails"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["recipient", "subject", "attempts", "error", "failed_at"]
    search_fields = ["recipient", "subject"]
    inspect_view_enabled = True
    form_fields = ["recipient", "subject", "attempts", "error", "failed_at"]
