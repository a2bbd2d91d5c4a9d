"""The fixed cost of a signed-in page: memberships and the header's links are read once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.curriculum import curriculum_index
from tests.factories.training_site import MembershipFactory
from training_site.models import Role

pytestmark = pytest.mark.django_db


def home_queries(client):
    """Fetch the home page and return the SQL it ran and the page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], response


def reads_from(sql):
    """Return the table a query's outermost FROM names."""
    return sql.split(" FROM ", 1)[1].split()[0].strip('"') if " FROM " in sql else None


def test_a_person_with_three_roles_has_its_memberships_read_once(client, manager, site_b):
    MembershipFactory(user=manager, organisation=site_b, role=Role.TRAINER)
    MembershipFactory(user=manager, organisation=site_b, role=Role.REPRESENTATIVE)
    client.force_login(manager)
    queries, response = home_queries(client)
    own = f'"training_site_membership"."user_id" = {manager.pk}'
    membership_reads = [
        sql for sql in queries if reads_from(sql) == "training_site_membership" and own in sql
    ]
    assert len(membership_reads) == 1
    assert "Site B" in response.content.decode()


def curriculum_link(response):
    """Say whether the header links to the curriculum."""
    return 'nhsuk-header__navigation-link" href="' in response.content.decode() and (
        ">Curriculum<" in "".join(response.content.decode().split())
    )


def test_the_curriculum_link_is_read_once_and_again_after_unpublishing(client, hcp):
    index = curriculum_index()
    client.force_login(hcp)
    home_queries(client)
    queries, response = home_queries(client)
    assert not [sql for sql in queries if "curriculum_curriculumindexpage" in sql]
    assert curriculum_link(response)

    index.unpublish()
    _, response = home_queries(client)
    assert not curriculum_link(response)


def test_publishing_a_curriculum_adds_its_link(client, hcp):
    client.force_login(hcp)
    _, response = home_queries(client)
    assert not curriculum_link(response)
    curriculum_index()
    _, response = home_queries(client)
    assert curriculum_link(response)
