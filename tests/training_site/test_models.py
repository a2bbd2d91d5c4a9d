"""People, organisations and memberships as they are stored."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories.training_site import MembershipFactory, OrganisationFactory, UserFactory
from training_site.models import Membership, Organisation, OrganisationKind, Role, User
from training_site.scoping import roles_of
from training_site.services import membership_grant, organisation_create

pytestmark = pytest.mark.django_db


def test_new_person_email_is_stored_in_lower_case():
    user = User.objects.create_user(
        "  Hana.Khan@Example.ORG ", "correct-horse-battery", first_name="Hana"
    )
    user.refresh_from_db()
    assert user.email == "hana.khan@example.org"


def test_cleaning_a_person_lower_cases_its_email():
    user = User(email="Ray.Sutton@Example.org", first_name="Ray")
    user.set_password("correct-horse-battery")
    user.full_clean()
    assert user.email == "ray.sutton@example.org"


def test_second_account_with_same_email_in_other_case_is_refused():
    User.objects.create_user("hana@example.org", "correct-horse-battery", first_name="Hana")
    with pytest.raises(ValidationError) as error:
        User.objects.create_user("HANA@Example.org", "correct-horse-battery", first_name="Hana")
    assert "email" in error.value.message_dict
    assert User.objects.filter(email__iexact="hana@example.org").count() == 1


def test_database_refuses_same_email_in_other_case_even_without_cleaning():
    User.objects.create(email="hana@example.org", first_name="Hana")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Hana@Example.org", first_name="Hana")
    assert User.objects.filter(email__iexact="hana@example.org").count() == 1


def test_create_user_refuses_an_empty_email():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user("", "correct-horse-battery")


def test_sign_in_natural_key_ignores_letter_case():
    user = UserFactory(email="manager@example.org")
    assert User.objects.get_by_natural_key("Manager@EXAMPLE.org ") == user


def test_sign_in_natural_key_does_not_match_another_address():
    UserFactory(email="manager@example.org")
    with pytest.raises(User.DoesNotExist):
        User.objects.get_by_natural_key("manager@example.com")


def test_within_returns_the_organisation_and_everything_below_it(
    network, site_a, site_b, practice_a, team_a, practice_b
):
    team_in_practice = OrganisationFactory(
        parent=practice_a, name="Nurses", kind=OrganisationKind.TEAM
    )
    assert set(Organisation.objects.within(site_a)) == {
        site_a,
        practice_a,
        team_a,
        team_in_practice,
    }


def test_within_a_practice_excludes_its_parent_and_siblings(site_a, practice_a, team_a):
    assert list(Organisation.objects.within(practice_a)) == [practice_a]


def test_within_the_network_returns_the_whole_tree(
    network, site_a, site_b, practice_a, team_a, practice_b
):
    assert set(Organisation.objects.within(network)) == {
        network,
        site_a,
        site_b,
        practice_a,
        team_a,
        practice_b,
    }


def test_within_a_site_does_not_reach_a_site_with_many_more_siblings(network):
    """Paths are fixed-width steps, so site 1 is not a prefix of site 10 and beyond."""
    sites = [
        OrganisationFactory(parent=network, name=f"Site {n:02}", kind=OrganisationKind.SITE)
        for n in range(1, 13)
    ]
    practices = [
        OrganisationFactory(parent=site, name=f"Practice of {site.name}") for site in sites
    ]
    assert set(Organisation.objects.within(sites[0])) == {sites[0], practices[0]}


def test_same_role_in_same_organisation_cannot_be_held_twice(hcp, practice_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=hcp, organisation=practice_a, role=Role.HCP)
    assert Membership.objects.filter(user=hcp).count() == 1


def test_two_roles_in_the_same_organisation_are_allowed(hcp, practice_a):
    MembershipFactory(user=hcp, organisation=practice_a, role=Role.TRAINER)
    assert set(Membership.objects.filter(user=hcp).values_list("role", flat=True)) == {
        Role.HCP,
        Role.TRAINER,
    }


def test_one_person_holds_several_roles_in_different_places(hcp, practice_a, site_b):
    MembershipFactory(user=hcp, organisation=site_b, role=Role.TRAINER)
    stored = set(Membership.objects.filter(user=hcp).values_list("organisation", "role"))
    assert stored == {(practice_a.pk, Role.HCP), (site_b.pk, Role.TRAINER)}
    assert roles_of(User.objects.get(pk=hcp.pk)) == {Role.HCP, Role.TRAINER}


def test_granting_a_role_twice_stores_it_once(hcp, site_b):
    first = membership_grant(user=hcp, organisation=site_b, role=Role.TRAINER)
    second = membership_grant(user=hcp, organisation=site_b, role=Role.TRAINER)
    assert first == second
    assert Membership.objects.filter(user=hcp, organisation=site_b).count() == 1


def test_organisation_create_places_it_below_its_parent(site_a):
    practice = organisation_create(
        parent=site_a, name="Limehouse Practice", kind=OrganisationKind.PRACTICE, code="F84001"
    )
    practice.refresh_from_db()
    site_a.refresh_from_db()
    assert practice.get_parent() == site_a
    assert practice.code == "F84001"
    assert list(site_a.get_children()) == [practice]


def test_organisation_create_refuses_a_site_without_a_parent(db):
    with pytest.raises(ValidationError) as error:
        organisation_create(parent=None, name="Stray site", kind=OrganisationKind.SITE)
    assert "parent" in error.value.message_dict
    assert not Organisation.objects.filter(name="Stray site").exists()


def test_organisation_codes_are_unique_but_may_be_left_blank(site_a):
    organisation_create(parent=site_a, name="First", kind=OrganisationKind.PRACTICE, code="F1")
    organisation_create(parent=site_a, name="No code 1", kind=OrganisationKind.TEAM)
    organisation_create(parent=site_a, name="No code 2", kind=OrganisationKind.TEAM)
    with pytest.raises(ValidationError) as error:
        organisation_create(parent=site_a, name="Second", kind=OrganisationKind.PRACTICE, code="F1")
    assert "code" in error.value.message_dict or "__all__" in error.value.message_dict
    assert not Organisation.objects.filter(name="Second").exists()
