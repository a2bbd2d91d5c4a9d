"""The demo network command: the pilot sites, their people, and safe to run again."""

import re
from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from training_site.models import Membership, Organisation, OrganisationKind, Role, User

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-for-tests"
FIXED_SIGN_INS = {
    "admin@example.org": (Role.NETWORK_ADMIN, "Year of Care network"),
    "trainer@example.org": (Role.TRAINER, "Tower Hamlets"),
    "hcp@example.org": (Role.HCP, "Bow Road Health Centre"),
    "rep@example.org": (Role.REPRESENTATIVE, "Tower Hamlets"),
    "manager@example.org": (Role.MANAGER, "Tower Hamlets"),
}
PILOT_SITES = {"Tower Hamlets", "Calderdale and Kirklees", "North of Tyne"}


def seed(**options):
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def counts():
    """Return how many people, organisations and memberships are stored."""
    return (User.objects.count(), Organisation.objects.count(), Membership.objects.count())


@pytest.fixture
def seeded():
    """The demo network built once with a known password."""
    seed(password=PASSWORD)


def test_running_twice_changes_nothing(seeded):
    first = counts()
    memberships = set(Membership.objects.values_list("user__email", "organisation__code", "role"))
    seed(password=PASSWORD)
    assert counts() == first
    assert (
        set(Membership.objects.values_list("user__email", "organisation__code", "role"))
        == memberships
    )


def test_three_pilot_sites_sit_under_one_network_with_practices_below(seeded):
    networks = Organisation.objects.filter(kind=OrganisationKind.NETWORK)
    assert [n.name for n in networks] == ["Year of Care network"]
    network = networks.get()
    sites = Organisation.objects.filter(kind=OrganisationKind.SITE)
    assert {site.name for site in sites} == PILOT_SITES
    for site in sites:
        assert site.get_parent() == network
        practices = [c for c in site.get_children() if c.kind == OrganisationKind.PRACTICE]
        assert len(practices) >= 2, site.name


def test_fixed_sign_ins_hold_their_roles(seeded):
    for email, (role, organisation) in FIXED_SIGN_INS.items():
        user = User.objects.get(email=email)
        assert user.memberships.filter(role=role, organisation__name=organisation).exists(), email


def test_network_admin_can_use_the_content_admin(seeded):
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_staff and admin.is_superuser


def test_demo_has_enough_hcps_across_several_professions(seeded):
    hcps = User.objects.filter(memberships__role=Role.HCP).distinct()
    assert hcps.count() >= 55
    professions = set(hcps.values_list("profession", flat=True))
    assert len(professions) >= 4
    assert "" not in professions


def test_every_site_has_hcps_and_a_manager(seeded):
    for site in Organisation.objects.filter(kind=OrganisationKind.SITE):
        inside = Membership.objects.filter(organisation__path__startswith=site.path)
        assert inside.filter(organisation=site, role=Role.MANAGER).exists(), site.name
        assert inside.filter(role=Role.HCP).count() >= 15, site.name


def test_given_password_works_for_the_demo_hcp(seeded):
    assert User.objects.get(email="hcp@example.org").check_password(PASSWORD)


def test_running_again_with_another_password_resets_every_demo_password(seeded):
    seed(password="another-demo-password")
    hcp = User.objects.get(email="hcp@example.org")
    assert hcp.check_password("another-demo-password")
    assert not hcp.check_password(PASSWORD)


def test_run_without_password_keeps_existing_passwords_and_says_so(seeded):
    output = seed()
    assert "with the password they already had" in output
    assert User.objects.get(email="hcp@example.org").check_password(PASSWORD)


def test_first_run_without_password_prints_one_that_works(db):
    output = seed()
    printed = re.search(r"with the password (\S+)", output)
    assert printed, output
    assert User.objects.get(email="manager@example.org").check_password(printed.group(1))
    assert "hcp@example.org" in output


@pytest.mark.django_db(transaction=True)
def test_seeding_the_demo_sends_no_email(mailoutbox):
    seed(password=PASSWORD)
    assert User.objects.filter(email="hcp@example.org").exists()
    assert mailoutbox == []


def test_accounts_that_must_use_two_step_sign_in_get_an_app_whose_printed_key_works():
    printed = dict(
        re.findall(r"^TOTP secret for (\S+): ([A-Z2-7=]+)$", seed(password=PASSWORD), re.M)
    )
    assert set(printed) == {"admin@example.org", "trainer@example.org", "manager@example.org"}
    for email, secret in printed.items():
        device = TOTPDevice.objects.get(user__email=email, confirmed=True)
        totp = TOTP(b32decode(secret), device.step, device.t0, device.digits, device.drift)
        assert device.verify_token(f"{totp.token():0{device.digits}d}")
    assert not TOTPDevice.objects.filter(user__email="hcp@example.org").exists()


def test_running_again_keeps_each_app_key():
    first = re.findall(r"^TOTP secret for .*$", seed(password=PASSWORD), re.M)
    assert first
    assert re.findall(r"^TOTP secret for .*$", seed(), re.M) == first
    assert TOTPDevice.objects.count() == len(first)
