"""People's roles outside what a manager manages are not shown to it."""

from django.core import mail
from django.urls import reverse

from tests.factories.training_site import MembershipFactory, UserFactory
from training_site.models import Role


def test_person_page_shows_only_roles_in_the_managers_organisations(client, manager, hcp, site_b):
    MembershipFactory(user=hcp, organisation=site_b, role=Role.TRAINER)
    client.force_login(manager)

    page = client.get(reverse("person-detail", args=[hcp.pk])).content.decode()

    assert "Practice A" in page
    assert "Site B" not in page


def test_people_list_shows_only_roles_in_the_managers_organisations(client, manager, hcp, site_b):
    MembershipFactory(user=hcp, organisation=site_b, role=Role.TRAINER)
    client.force_login(manager)

    page = client.get(reverse("people-list")).content.decode()

    assert "Practice A" in page
    assert "Site B" not in page


def test_imported_staff_without_a_password_can_ask_for_one(client, practice_a):
    person = UserFactory(email="imported@example.org")
    person.set_unusable_password()
    person.save()
    MembershipFactory(user=person, organisation=practice_a, role=Role.HCP)

    client.post(reverse("password_reset"), {"email": "Imported@example.org"})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["imported@example.org"]
