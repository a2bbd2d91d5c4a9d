"""Who may see which organisations and people."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tests.factories.training_site import MembershipFactory, UserFactory, person_with_role
from training_site.models import Role
from training_site.scoping import (
    get_managed_organisation_or_404,
    get_visible_person_or_404,
    may_see_person,
    organisations_managed_by,
    people_visible_to,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(hcp, second_hcp, hcp_b, trainer, representative, manager, other_manager, admin):
    """The whole cast holding a role somewhere."""
    return {hcp, second_hcp, hcp_b, trainer, representative, manager, other_manager, admin}


def test_manager_of_a_site_manages_the_site_and_everything_below_it(
    manager, network, site_a, site_b, practice_a, team_a, practice_b
):
    assert set(organisations_managed_by(manager)) == {site_a, practice_a, team_a}


def test_manager_of_one_site_manages_nothing_above_or_beside_it(
    manager, network, site_b, practice_b
):
    managed = organisations_managed_by(manager)
    assert network not in managed
    assert site_b not in managed
    assert practice_b not in managed


def test_manager_of_a_practice_does_not_manage_its_site(practice_a, site_a, team_a):
    practice_manager = person_with_role(Role.MANAGER, practice_a)
    assert list(organisations_managed_by(practice_manager)) == [practice_a]


def test_network_admin_manages_the_whole_tree(
    admin, network, site_a, site_b, practice_a, team_a, practice_b
):
    assert set(organisations_managed_by(admin)) == {
        network,
        site_a,
        site_b,
        practice_a,
        team_a,
        practice_b,
    }


@pytest.mark.parametrize("role", ["hcp", "trainer", "representative", "outsider"])
def test_people_who_do_not_manage_manage_no_organisations(request, role, network, practice_a):
    person = request.getfixturevalue(role)
    assert list(organisations_managed_by(person)) == []


def test_anonymous_visitor_manages_nothing_and_sees_nobody(everyone):
    assert list(organisations_managed_by(AnonymousUser())) == []
    assert list(people_visible_to(AnonymousUser())) == []


def test_manager_sees_the_people_of_its_site(
    everyone, manager, hcp, second_hcp, trainer, representative
):
    assert set(people_visible_to(manager)) == {
        manager,
        hcp,
        second_hcp,
        trainer,
        representative,
    }


def test_manager_of_one_site_sees_nobody_from_another_site(
    everyone, manager, hcp_b, other_manager, admin, outsider
):
    visible = people_visible_to(manager)
    assert hcp_b not in visible
    assert other_manager not in visible
    assert admin not in visible
    assert outsider not in visible


def test_other_manager_sees_its_own_hcp_and_not_site_a(everyone, other_manager, hcp_b, hcp):
    assert set(people_visible_to(other_manager)) == {other_manager, hcp_b}
    assert may_see_person(other_manager, hcp_b)
    assert not may_see_person(other_manager, hcp)


def test_network_admin_sees_everyone_who_holds_a_role(everyone, admin):
    assert set(people_visible_to(admin)) == everyone


def test_superuser_manages_every_organisation_and_sees_everyone_with_a_role(
    everyone, network, site_a, site_b, practice_a, team_a, practice_b
):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert set(organisations_managed_by(superuser)) == {
        network,
        site_a,
        site_b,
        practice_a,
        team_a,
        practice_b,
    }
    assert set(people_visible_to(superuser)) == everyone | {superuser}


@pytest.mark.parametrize("role", ["hcp", "trainer", "representative", "outsider"])
def test_people_who_do_not_manage_see_only_themselves(request, everyone, role):
    person = request.getfixturevalue(role)
    assert list(people_visible_to(person)) == [person]


def test_representative_sees_no_staff_records(everyone, representative, hcp, trainer, manager):
    for staff in (hcp, trainer, manager):
        assert not may_see_person(representative, staff)
    assert may_see_person(representative, representative)


def test_hcp_may_not_see_another_hcp_in_the_same_practice(hcp, second_hcp):
    assert not may_see_person(hcp, second_hcp)
    assert not may_see_person(second_hcp, hcp)


def test_person_managing_two_sites_sees_both(everyone, site_a, site_b, hcp, hcp_b, admin):
    two_site_manager = person_with_role(Role.MANAGER, site_a)
    MembershipFactory(user=two_site_manager, organisation=site_b, role=Role.MANAGER)
    visible = people_visible_to(two_site_manager)
    assert hcp in visible
    assert hcp_b in visible
    assert admin not in visible
    assert set(organisations_managed_by(two_site_manager)) >= {site_a, site_b}


def test_other_roles_elsewhere_do_not_widen_what_a_manager_sees(
    everyone, manager, practice_b, hcp_b
):
    """Managing site A and being an HCP in site B does not open site B."""
    MembershipFactory(user=manager, organisation=practice_b, role=Role.HCP)
    assert practice_b not in organisations_managed_by(manager)
    assert not may_see_person(manager, hcp_b)


def test_person_in_managed_organisation_appears_once_whatever_its_roles(
    manager, hcp, practice_a, team_a
):
    MembershipFactory(user=hcp, organisation=team_a, role=Role.HCP)
    MembershipFactory(user=hcp, organisation=practice_a, role=Role.TRAINER)
    assert list(people_visible_to(manager)).count(hcp) == 1


def test_get_visible_person_returns_someone_the_manager_may_see(manager, hcp):
    assert get_visible_person_or_404(manager, hcp.pk) == hcp


def test_get_visible_person_answers_404_for_someone_in_another_site(other_manager, hcp):
    with pytest.raises(Http404):
        get_visible_person_or_404(other_manager, hcp.pk)


@pytest.mark.parametrize("pk", [999_999, "not-a-number"])
def test_get_visible_person_answers_404_for_no_such_person(manager, pk):
    with pytest.raises(Http404):
        get_visible_person_or_404(manager, pk)


def test_get_managed_organisation_answers_404_beside_and_above(
    manager, site_a, site_b, network, practice_a
):
    assert get_managed_organisation_or_404(manager, practice_a.pk) == practice_a
    for organisation in (site_b, network):
        with pytest.raises(Http404):
            get_managed_organisation_or_404(manager, organisation.pk)


def test_organisations_managed_by_is_one_query(
    django_assert_num_queries, manager, site_a, practice_a, team_a, site_b
):
    MembershipFactory(user=manager, organisation=site_b, role=Role.MANAGER)
    with django_assert_num_queries(1):
        managed = list(organisations_managed_by(manager))
    assert len(managed) == 4


def test_people_visible_to_is_one_query(django_assert_num_queries, everyone, manager):
    with django_assert_num_queries(1):
        visible = list(people_visible_to(manager))
    assert len(visible) == 5


def test_network_admin_sees_accounts_without_a_role_but_a_site_manager_does_not(
    admin, manager, outsider
):
    assert may_see_person(admin, outsider)
    assert not may_see_person(manager, outsider)


def test_network_admin_visibility_is_still_one_query(django_assert_num_queries, everyone, admin):
    with django_assert_num_queries(1):
        list(people_visible_to(admin))
