"""The cast every test can use: two sites in one network and the people in them.

network
├── site_a (manager, trainer, representative)
│   ├── practice_a (hcp, second_hcp)
│   └── team_a
└── site_b (other_manager)
    └── practice_b (hcp_b)
outsider: an account with no role anywhere; admin: network administrator.
"""

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.training_site import OrganisationFactory, UserFactory, person_with_role
from training_site.models import OrganisationKind, Role
from training_site.second_factor import second_factor_required


@pytest.fixture(autouse=True)
def force_login_confirms_second_factor(monkeypatch):
    """Let force_login also confirm the sign-in of a person who must use a second factor."""
    original = Client.force_login

    def force_login(client, user, backend=None):
        original(client, user, backend)
        if second_factor_required(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="Test app")
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def network(db):
    """The network at the top of the tree."""
    return OrganisationFactory(name="Test network", kind=OrganisationKind.NETWORK)


@pytest.fixture
def site_a(network):
    """The first site."""
    return OrganisationFactory(parent=network, name="Site A", kind=OrganisationKind.SITE)


@pytest.fixture
def site_b(network):
    """The second site, beside the first."""
    return OrganisationFactory(parent=network, name="Site B", kind=OrganisationKind.SITE)


@pytest.fixture
def practice_a(site_a):
    """A practice in site A."""
    return OrganisationFactory(parent=site_a, name="Practice A", kind=OrganisationKind.PRACTICE)


@pytest.fixture
def team_a(site_a):
    """A team in site A."""
    return OrganisationFactory(parent=site_a, name="Team A", kind=OrganisationKind.TEAM)


@pytest.fixture
def practice_b(site_b):
    """A practice in site B."""
    return OrganisationFactory(parent=site_b, name="Practice B", kind=OrganisationKind.PRACTICE)


@pytest.fixture
def hcp(practice_a):
    """An HCP in practice A."""
    return person_with_role(Role.HCP, practice_a, email="hcp@example.org", first_name="Hana")


@pytest.fixture
def second_hcp(practice_a):
    """Another HCP in practice A."""
    return person_with_role(Role.HCP, practice_a, email="hcp2@example.org", first_name="Harry")


@pytest.fixture
def hcp_b(practice_b):
    """An HCP in practice B, in the other site."""
    return person_with_role(Role.HCP, practice_b, email="hcp.b@example.org", first_name="Bea")


@pytest.fixture
def trainer(site_a):
    """A trainer at site A."""
    return person_with_role(Role.TRAINER, site_a, email="trainer@example.org", first_name="Tess")


@pytest.fixture
def representative(site_a):
    """A user representative at site A."""
    return person_with_role(
        Role.REPRESENTATIVE, site_a, email="rep@example.org", first_name="Ray", profession=""
    )


@pytest.fixture
def manager(site_a):
    """The manager of site A."""
    return person_with_role(Role.MANAGER, site_a, email="manager@example.org", first_name="Maya")


@pytest.fixture
def other_manager(site_b):
    """The manager of site B, who must see nothing of site A."""
    return person_with_role(
        Role.MANAGER, site_b, email="manager.b@example.org", first_name="Martin"
    )


@pytest.fixture
def admin(network):
    """The network administrator."""
    return person_with_role(
        Role.NETWORK_ADMIN, network, email="admin@example.org", first_name="Alex"
    )


@pytest.fixture
def outsider(db):
    """An account holding no role anywhere."""
    return UserFactory(email="outsider@example.org", first_name="Olly")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test ends by emptying the cache, so none reads what another left there."""
    yield
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
