"""Signing in and out, throttled failures, and setting or changing a password."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import resolve, reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from training_site.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "a-fresh-Gosforth-password"
RESET_LINK = re.compile(r"https?://[^/\s]+(/account/password/reset/[^\s]+/)")


def sign_in(client, email, password, **extra):
    """Post the sign-in form as a browser would."""
    return client.post(reverse("login"), {"username": email, "password": password, **extra})


def is_signed_in(client):
    """Say whether the client's session belongs to a signed-in person."""
    return "_auth_user_id" in client.session


def test_sign_in_with_mixed_case_email_lands_on_home(client, hcp):
    response = sign_in(client, "  HCP@Example.ORG", PASSWORD)
    assertRedirects(response, reverse("home"))
    assert client.session["_auth_user_id"] == str(hcp.pk)
    assertContains(client.get(reverse("home")), "Hello, Hana")


def test_sign_in_follows_a_next_page_on_this_site(client, hcp):
    response = sign_in(client, "hcp@example.org", PASSWORD, next=reverse("account"))
    assertRedirects(response, reverse("account"))


def test_sign_in_does_not_follow_a_next_page_on_another_site(client, hcp):
    response = sign_in(client, "hcp@example.org", PASSWORD, next="https://evil.example.com/")
    assertRedirects(response, reverse("home"))


def test_signed_in_person_visiting_sign_in_goes_home(client, hcp):
    client.force_login(hcp)
    assertRedirects(client.get(reverse("login")), reverse("home"))


def test_wrong_password_shows_an_error_and_does_not_sign_in(client, hcp):
    response = sign_in(client, "hcp@example.org", "not-the-password")
    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, "Enter a correct email address and password.")
    assertContains(response, "<title>Error: Sign in")
    assert not is_signed_in(client)


def test_unknown_email_gets_the_same_error_as_a_wrong_password(client, hcp):
    response = sign_in(client, "nobody@example.org", PASSWORD)
    assertContains(response, "Enter a correct email address and password.")
    assert not is_signed_in(client)


def test_closed_account_cannot_sign_in(client, hcp):
    User.objects.filter(pk=hcp.pk).update(is_active=False)
    response = sign_in(client, "hcp@example.org", PASSWORD)
    assertContains(response, "There is a problem")
    assert not is_signed_in(client)


def test_too_many_failures_refuse_even_the_right_password(client, hcp):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "hcp@example.org", "not-the-password")
    response = sign_in(client, "hcp@example.org", PASSWORD)
    assert response.status_code == 429
    assertContains(response, "Too many attempts to sign in", status_code=429)
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    assertContains(response, f"Wait {minutes} minutes", status_code=429)
    assert not is_signed_in(client)
    assertRedirects(
        client.get(reverse("home")),
        f"{reverse('login')}?next={reverse('home')}",
        fetch_redirect_response=False,
    )


def test_failures_below_the_limit_still_let_the_right_password_in(client, hcp):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "hcp@example.org", "not-the-password")
    response = sign_in(client, "hcp@example.org", PASSWORD)
    assertRedirects(response, reverse("home"))


def test_lock_on_one_account_does_not_lock_another_from_the_same_place(client, hcp, second_hcp):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "hcp@example.org", "not-the-password")
    mistyped = sign_in(client, "hcp2@example.org", "not-the-password")
    assertContains(mistyped, "Enter a correct email address and password.")
    response = sign_in(client, "hcp2@example.org", PASSWORD)
    assertRedirects(response, reverse("home"))


def test_failures_count_together_whatever_the_letter_case_of_the_email(client, hcp):
    """Sign-in ignores case, so the lock must too, or changing case buys more guesses."""
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        email = "hcp@example.org" if attempt % 2 else "HCP@example.org"
        sign_in(client, email, "not-the-password")
    response = sign_in(client, "Hcp@Example.org", PASSWORD)
    assert response.status_code == 429
    assert not is_signed_in(client)


def reset_link(message):
    """Return the path of the set-password link in an email."""
    match = RESET_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_sends_one_email_with_a_link_that_sets_a_new_password(client, hcp):
    response = client.post(reverse("password_reset"), {"email": "HCP@example.org"})
    assertRedirects(response, reverse("password_reset_done"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hcp@example.org"]
    assert message.subject == "Set your password for Year of Care training"
    link = reset_link(message)
    assert resolve(link).url_name == "password_reset_confirm"

    form_page = client.get(link, follow=True)
    assertContains(form_page, "Choose a new password")
    set_password = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assertRedirects(set_password, reverse("password_reset_complete"))

    assertRedirects(sign_in(client, "hcp@example.org", NEW_PASSWORD), reverse("home"))
    hcp.refresh_from_db()
    assert not hcp.check_password(PASSWORD)


def test_password_reset_link_works_only_once(client, hcp):
    client.post(reverse("password_reset"), {"email": "hcp@example.org"})
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = client.get(link, follow=True)
    assertContains(again, "This link has expired or been used")


def test_password_reset_for_unknown_email_sends_nothing_but_looks_the_same(client, hcp):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assertRedirects(response, reverse("password_reset_done"))
    assertContains(response, "Check your email")
    assert mail.outbox == []


def test_password_change_requires_the_old_password(client, hcp):
    client.force_login(hcp)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not-the-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assertContains(response, "There is a problem")
    assertContains(response, 'id="id_old_password-error"')
    assertContains(response, "Your old password was entered incorrectly.")
    hcp.refresh_from_db()
    assert hcp.check_password(PASSWORD)


@pytest.mark.parametrize(
    "new_password, message",
    [
        ("short1", "This password is too short. It must contain at least 10 characters."),
        ("qwertyuiop", "This password is too common."),
        ("0123456789", "This password is entirely numeric."),
    ],
)
def test_password_change_enforces_the_password_rules(client, hcp, new_password, message):
    client.force_login(hcp)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assertContains(response, "There is a problem")
    assertContains(response, 'id="id_new_password2-error"')
    assertContains(response, message)
    hcp.refresh_from_db()
    assert hcp.check_password(PASSWORD)


def test_password_change_keeps_the_person_signed_in_and_says_so(client, hcp):
    client.force_login(hcp)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assertRedirects(response, reverse("account"))
    assertContains(response, "Your password has been changed.")
    assert is_signed_in(client)
    hcp.refresh_from_db()
    assert hcp.check_password(NEW_PASSWORD)


def test_sign_out_is_a_post_that_ends_the_session(client, hcp):
    client.force_login(hcp)
    assert client.get(reverse("logout")).status_code == 405
    assert is_signed_in(client)

    response = client.post(reverse("logout"))
    assertRedirects(response, reverse("login"))
    assert not is_signed_in(client)
    assertRedirects(
        client.get(reverse("account")),
        f"{reverse('login')}?next={reverse('account')}",
        fetch_redirect_response=False,
    )


def test_header_offers_sign_out_as_a_form_with_csrf_token(client, hcp):
    client.force_login(hcp)
    response = client.get(reverse("home"))
    assertContains(response, f'method="post" action="{reverse("logout")}"')
    assertContains(response, 'name="csrfmiddlewaretoken"')


def test_sign_in_page_offers_a_way_to_set_a_password(client):
    response = client.get(reverse("login"))
    assertContains(response, f'href="{reverse("password_reset")}"')
    assertNotContains(response, "Sign out")
