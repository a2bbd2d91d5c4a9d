"""The demo network: the three Year of Care pilot sites, their practices and their people.

Everything is found by a stable key (an organisation code, an email address), so building it
twice changes nothing. Other apps add their own demo content through the
``register_demo_content`` hook, called after the people exist, in hook order.
"""

import random
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks

from training_site.models import Membership, Organisation, OrganisationKind, Profession, Role, User
from training_site.services import organisation_create

HOOK_NAME = "register_demo_content"
TRAINERS_GROUP = "Trainers"

NETWORK = ("YOC", "Year of Care network")
SITES = {
    "YOC-TH": (
        "Tower Hamlets",
        [
            "Bow Road Health Centre",
            "Limehouse Practice",
            "Whitechapel Medical Centre",
            "Mile End Surgery",
        ],
    ),
    "YOC-CK": (
        "Calderdale and Kirklees",
        [
            "Hebden Bridge Group Practice",
            "Halifax Central Surgery",
            "Huddersfield Road Practice",
            "Brighouse Medical Centre",
        ],
    ),
    "YOC-NT": (
        "North of Tyne",
        [
            "Whitley Bay Health Centre",
            "Morpeth Road Surgery",
            "Gosforth Practice",
            "Hexham Medical Group",
        ],
    ),
}
TEAMS = ["Diabetes specialist team", "Acute diabetes ward team"]

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Ellie",
    "Farhan",
    "Grace",
    "Hamza",
    "Isla",
    "James",
    "Kiran",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Rachel",
    "Samir",
    "Tom",
    "Uma",
    "Victoria",
    "Wei",
    "Yasmin",
    "Zainab",
    "Adam",
    "Bethany",
    "Callum",
    "Deborah",
    "Emeka",
    "Fiona",
]
LAST_NAMES = [
    "Ahmed",
    "Brown",
    "Campbell",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Miah",
    "Nwosu",
    "O'Brien",
    "Patel",
    "Quinn",
    "Robinson",
    "Shah",
    "Taylor",
    "Uddin",
    "Walker",
    "Young",
    "Begum",
    "Clarke",
    "Dixon",
    "Ellis",
    "Foster",
]
# About 20 HCPs a site: mostly nurses and healthcare assistants, as in general practice.
PROFESSION_MIX = (
    [Profession.NURSE] * 8
    + [Profession.HEALTHCARE_ASSISTANT] * 5
    + [Profession.DOCTOR] * 4
    + [Profession.DIETITIAN, Profession.PHARMACIST, Profession.PODIATRIST]
)


@dataclass(frozen=True)
class DemoAccount:
    """A fixed demo sign-in and the role it shows."""

    email: str
    first_name: str
    last_name: str
    role: str
    organisation_code: str
    profession: str = ""


DEMO_ACCOUNTS = [
    DemoAccount("admin@example.org", "Alex", "Morgan", Role.NETWORK_ADMIN, "YOC"),
    DemoAccount("trainer@example.org", "Tessa", "Okafor", Role.TRAINER, "YOC-TH", Profession.NURSE),
    DemoAccount("hcp@example.org", "Hannah", "Price", Role.HCP, "YOC-TH-P1", Profession.NURSE),
    DemoAccount("rep@example.org", "Ray", "Sutton", Role.REPRESENTATIVE, "YOC-TH"),
    DemoAccount("manager@example.org", "Maya", "Chowdhury", Role.MANAGER, "YOC-TH"),
]
SITE_STAFF = {
    "YOC-CK": [
        DemoAccount("manager.ck@example.org", "Martin", "Holroyd", Role.MANAGER, "YOC-CK"),
        DemoAccount(
            "trainer.ck@example.org",
            "Tariq",
            "Mahmood",
            Role.TRAINER,
            "YOC-CK",
            Profession.DIETITIAN,
        ),
        DemoAccount("rep.ck@example.org", "Rita", "Barraclough", Role.REPRESENTATIVE, "YOC-CK"),
    ],
    "YOC-NT": [
        DemoAccount("manager.nt@example.org", "Moira", "Robson", Role.MANAGER, "YOC-NT"),
        DemoAccount(
            "trainer.nt@example.org", "Tom", "Charlton", Role.TRAINER, "YOC-NT", Profession.NURSE
        ),
        DemoAccount("rep.nt@example.org", "Rob", "Milburn", Role.REPRESENTATIVE, "YOC-NT"),
    ],
    "YOC-TH": [
        DemoAccount("rep2.th@example.org", "Rukhsana", "Ali", Role.REPRESENTATIVE, "YOC-TH"),
    ],
}


@transaction.atomic
def build_demo_network(*, password, reset_passwords, stdout=None):
    """Create or update the demo network; return the fixed demo accounts."""
    organisations = _build_organisations()
    accounts = [*DEMO_ACCOUNTS, *(a for staff in SITE_STAFF.values() for a in staff)]
    for account in accounts:
        _ensure_account(account, organisations, password=password, reset_password=reset_passwords)
    _ensure_hcps(organisations, password=password, reset_passwords=reset_passwords)
    _grant_content_access()
    for hook in hooks.get_hooks(HOOK_NAME):
        hook(stdout=stdout)
    return DEMO_ACCOUNTS


def _build_organisations():
    """Create the network, its sites, practices and teams; return them by code."""
    found = {o.code: o for o in Organisation.objects.exclude(code="")}
    code, name = NETWORK
    if code not in found:
        found[code] = organisation_create(
            parent=None, name=name, kind=OrganisationKind.NETWORK, code=code
        )
    for site_code, (site_name, practices) in SITES.items():
        if site_code not in found:
            found[site_code] = organisation_create(
                parent=found[code], name=site_name, kind=OrganisationKind.SITE, code=site_code
            )
        children = [(n, OrganisationKind.PRACTICE) for n in practices] + [
            (n, OrganisationKind.TEAM) for n in TEAMS
        ]
        for number, (child_name, kind) in enumerate(children, start=1):
            child_code = f"{site_code}-{'P' if kind == OrganisationKind.PRACTICE else 'T'}{number}"
            if child_code not in found:
                found[child_code] = organisation_create(
                    parent=found[site_code], name=child_name, kind=kind, code=child_code
                )
    return found


def _ensure_account(account, organisations, *, password, reset_password):
    """Create a demo person if missing and give it its role."""
    user, created = User.objects.get_or_create(
        email=account.email,
        defaults={
            "first_name": account.first_name,
            "last_name": account.last_name,
            "profession": account.profession,
        },
    )
    if created or reset_password:
        user.set_password(password)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, organisation=organisations[account.organisation_code], role=account.role
    )
    return user


def _ensure_hcps(organisations, *, password, reset_passwords):
    """Create about twenty HCPs a site, spread over its practices and teams."""
    rng = random.Random(2008)
    for site_code in SITES:
        workplaces = [
            organisations[c] for c in sorted(organisations) if c.startswith(f"{site_code}-")
        ]
        for number, profession in enumerate(PROFESSION_MIX, start=1):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{first}.{last}.{site_code[-2:]}{number}@example.org".lower().replace("'", "")
            account = DemoAccount(email, first, last, Role.HCP, "", profession)
            team = workplaces[-1] if profession == Profession.NURSE and number % 4 == 0 else None
            workplace = team or workplaces[(number - 1) % (len(workplaces) - len(TEAMS))]
            _ensure_account(
                account,
                {"": workplace},
                password=password,
                reset_password=reset_passwords,
            )


def _grant_content_access():
    """Let the demo trainers into the content admin and the administrator do everything."""
    trainers, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    trainers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for user in User.objects.filter(memberships__role=Role.TRAINER).distinct():
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(trainers)
    User.objects.filter(email="admin@example.org").update(is_staff=True, is_superuser=True)
