"""Onboarding: one-time sign-in links, sending them again, and editing a person."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from training_site.models import PersonEvent, User
from training_site.onboarding import sign_in_link_path, sign_in_link_send, sign_in_link_tokens

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-password-42"


def link_in(message):
    """Return the path of the sign-in link in an email."""
    return re.search(r"https?://[^/\s]+(/account/welcome/\S+/)", message.body)[1]


def set_password(client, path):
    """Post a new password through a sign-in link."""
    return client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_link_sets_password_signs_in_and_works_once(client, hcp):
    hcp.set_unusable_password()
    hcp.save()
    sign_in_link_send(hcp, welcome=True)
    path = link_in(mail.outbox[0])
    assert "Welcome" in mail.outbox[0].subject
    assertContains(client.get(path), "Set your password")
    assertRedirects(set_password(client, path), reverse("home"))
    hcp.refresh_from_db()
    assert hcp.check_password(NEW_PASSWORD) and hcp.last_login
    client.logout()
    used = client.get(path)
    assertContains(used, "This link has been used", status_code=410)
    assertContains(used, reverse("password_reset"), status_code=410)


def test_expired_link_is_refused(client, hcp, settings):
    hcp.set_unusable_password()
    hcp.save()
    path = sign_in_link_path(hcp)
    later = sign_in_link_tokens._now() + timedelta(days=settings.SIGN_IN_LINK_DAYS, hours=1)
    sign_in_link_tokens._now = lambda: later
    try:
        response = client.get(path)
    finally:
        del sign_in_link_tokens._now
    assertContains(response, "This link has expired", status_code=410)


def test_tampered_link_is_a_clear_404(client, hcp):
    hcp.set_unusable_password()
    hcp.save()
    path = sign_in_link_path(hcp)
    response = client.get(path[:-3] + "zz/")
    assertContains(response, "This link does not work", status_code=404)
    assertContains(client.get("/account/welcome/xx/1-2/"), "does not work", status_code=404)
    assert not set_password(client, path[:-3] + "zz/").wsgi_request.user.is_authenticated


def test_manager_sends_link_again_to_one_person(client, manager, hcp):
    client.force_login(manager)
    response = client.post(reverse("person-sign-in-link", args=[hcp.pk]), follow=True)
    assertContains(response, f"Sent a sign-in link to {hcp.email}.")
    assert [m.to for m in mail.outbox] == [[hcp.email]]


def test_resend_is_scoped_and_post_only(client, other_manager, manager, hcp):
    client.force_login(other_manager)
    assert client.post(reverse("person-sign-in-link", args=[hcp.pk])).status_code == 404
    client.force_login(manager)
    assert client.get(reverse("person-sign-in-link", args=[hcp.pk])).status_code == 405
    client.logout()
    response = client.post(reverse("person-sign-in-link", args=[hcp.pk]))
    assert response.status_code == 302 and reverse("login") in response.url
    assert mail.outbox == []


def test_links_go_to_everyone_in_scope_who_never_signed_in(client, manager, hcp, second_hcp, hcp_b):
    second_hcp.last_login = timezone.now()
    second_hcp.save(update_fields=["last_login"])
    client.force_login(manager)
    assertContains(client.get(reverse("people-list")), "Send sign-in links to everyone")
    response = client.post(reverse("people-sign-in-links"), follow=True)
    assertContains(response, "Sent sign-in links to 1 person who had never signed in.")
    assert [m.to for m in mail.outbox] == [[hcp.email]]


def test_manager_edits_a_person_and_history_records_it(
    client, manager, hcp, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    old_email = hcp.email
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("person-edit", args=[hcp.pk]),
            {"first_name": "Hana", "last_name": "Newname", "email": "Hana.New@example.org"},
            follow=True,
        )
    assertContains(response, "Email changed from")
    hcp.refresh_from_db()
    assert (hcp.last_name, hcp.email) == ("Newname", "hana.new@example.org")
    assert set(PersonEvent.objects.filter(person=hcp).values_list("description", flat=True)) >= {
        f"Email changed from {old_email} to hana.new@example.org"
    }
    assertContains(client.get(reverse("person-detail", args=[hcp.pk])), "History")
    assert [m.to for m in mail.outbox] == [[old_email]]
    assert "hana.new@example.org" in mail.outbox[0].body


def test_email_in_use_is_refused_clearly(client, manager, hcp, second_hcp):
    client.force_login(manager)
    response = client.post(
        reverse("person-edit", args=[hcp.pk]),
        {"first_name": "H", "last_name": "", "email": second_hcp.email.upper()},
    )
    assertContains(response, "already the email address of another account")
    assert User.objects.get(pk=hcp.pk).email == hcp.email
    assert mail.outbox == []


def test_edit_is_scoped_and_never_above_the_editor(client, other_manager, manager, admin, hcp):
    client.force_login(other_manager)
    assert client.get(reverse("person-edit", args=[hcp.pk])).status_code == 404
    client.force_login(manager)
    assert client.get(reverse("person-edit", args=[admin.pk])).status_code == 404
    client.force_login(hcp)
    assert client.get(reverse("person-edit", args=[hcp.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("person-edit", args=[hcp.pk])).status_code == 302
