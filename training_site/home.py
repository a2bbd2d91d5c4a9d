"""Role home pages: each app contributes panels through the ``register_home_panels`` hook.

A hook function receives the request and the set of roles the person holds and returns an
iterable of ``HomePanel``; the home page groups them by role, so a person with several roles
sees what needs its attention in each.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from training_site.models import Role
from training_site.scoping import roles_of

HOOK_NAME = "register_home_panels"
EVERYONE = "everyone"


@dataclass(frozen=True)
class HomePanel:
    """One block of a home page: a heading, a template and its context."""

    role: str
    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class RoleSection:
    """The panels shown to a person for one of its roles."""

    role: str
    heading: str
    panels: list
    empty_text: str


ROLE_ORDER = [
    Role.HCP,
    Role.TRAINER,
    Role.REPRESENTATIVE,
    Role.MANAGER,
    Role.NETWORK_ADMIN,
    EVERYONE,
]
ROLE_HEADINGS = {
    EVERYONE: "",
    Role.HCP: "Your learning and competences",
    Role.TRAINER: "Training you run",
    Role.REPRESENTATIVE: "Feedback you give",
    Role.MANAGER: "Your team",
    Role.NETWORK_ADMIN: "The network",
}


ROLE_EMPTY_TEXTS = {
    EVERYONE: "",
    Role.HCP: "Nothing needs your attention right now. When you are invited to a workshop, "
    "receive feedback or hear back about a competence, it will show here.",
    Role.TRAINER: "Nothing needs your attention right now. Workshops you run and competences "
    "you are asked to verify will show here.",
    Role.REPRESENTATIVE: "You have no feedback to give right now. On the day of a workshop your "
    "trainer will give you a link or QR code for each consultation you take part in.",
    Role.MANAGER: "Nothing needs your attention in your organisations right now.",
    Role.NETWORK_ADMIN: "Nothing needs your attention across the network right now.",
}


def home_sections(request):
    """Return the home page's sections, one per role held, in a fixed order."""
    roles = roles_of(request.user)
    panels = []
    for hook in hooks.get_hooks(HOOK_NAME):
        panels.extend(hook(request, roles) or ())
    sections = []
    for role in ROLE_ORDER:
        if role != EVERYONE and role not in roles:
            continue
        role_panels = sorted((p for p in panels if p.role == role), key=lambda p: p.order)
        if role_panels or role != EVERYONE:
            sections.append(
                RoleSection(role, ROLE_HEADINGS[role], role_panels, ROLE_EMPTY_TEXTS[role])
            )
    return sections
