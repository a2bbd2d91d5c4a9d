"""A reflection is seen by its author and those it is actively shared with: nobody else, ever."""

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from portfolio.models import Reflection, ReflectionShare
from tests.factories.portfolio import ReflectionFactory, ReflectionShareFactory
from tests.factories.training_site import UserFactory

pytestmark = pytest.mark.django_db

NEVER = ["manager", "admin", "other_manager", "second_hcp", "hcp_b", "representative", "outsider"]


def _write_and_share(client, hcp, trainer, feedback, competence):
    """The HCP writes a reflection on its simulation's feedback and shares it with the trainer."""
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:reflection-new"),
        {
            "structure": "what_so_what",
            "title": "Feedback on my agenda setting",
            "section_what": "The representative said I led with the results.",
            "section_so_what": "The agenda was mine, not hers.",
            "section_now_what": "Ask what she wants to talk about first.",
            "feedback": feedback.pk,
            "session": feedback.session_id,
            "competences": [competence.pk],
            "action": "complete",
        },
    )
    reflection = Reflection.objects.get(author=hcp)
    assert response.status_code == 302
    response = client.post(
        reverse("portfolio:reflection-share", args=[reflection.pk]), {"person": trainer.pk}
    )
    assert response.status_code == 302
    return reflection


def test_assessor_sees_a_shared_reflection_until_it_is_withdrawn(
    client, request, hcp, trainer, manager, admin, feedback, hcp_post
):
    competence = hcp_post.profile.requirements.first().competence
    reflection = _write_and_share(client, hcp, trainer, feedback, competence)
    assert list(reflection.competences.all()) == [competence]
    assert reflection.feedback == feedback
    url = reverse("portfolio:reflection", args=[reflection.pk])

    client.force_login(trainer)
    page = client.get(url)
    assertContains(page, "Feedback on my agenda setting")
    assertContains(page, "The agenda was mine, not hers.")
    assertContains(client.get(reverse("portfolio:shared-with-me")), reflection.title)
    for other in (manager, admin):
        client.force_login(other)
        assert client.get(url).status_code == 404
        assertNotContains(client.get(reverse("portfolio:shared-with-me")), reflection.title)

    client.force_login(hcp)
    share = ReflectionShare.objects.get(reflection=reflection)
    client.post(reverse("portfolio:share-withdraw", args=[share.pk]))
    share.refresh_from_db()
    assert share.withdrawn_at is not None

    client.force_login(trainer)
    assert client.get(url).status_code == 404
    assertNotContains(client.get(reverse("portfolio:shared-with-me")), reflection.title)


@pytest.mark.parametrize("fixture", NEVER)
def test_nobody_else_sees_a_reflection(client, request, hcp, trainer, fixture):
    reflection = ReflectionFactory(author=hcp)
    ReflectionShareFactory(reflection=reflection, shared_with=trainer)
    client.force_login(request.getfixturevalue(fixture))
    for name in ("portfolio:reflection", "portfolio:reflection-edit"):
        assert client.get(reverse(name, args=[reflection.pk])).status_code == 404


def test_a_superuser_does_not_see_a_reflection(client, hcp):
    reflection = ReflectionFactory(author=hcp)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("portfolio:reflection", args=[reflection.pk])).status_code == 404
    assert not Reflection.objects.visible_to(UserFactory(is_superuser=True)).exists()


def test_reflections_are_not_in_the_content_admin(client, admin, hcp):
    from wagtail.snippets.models import get_snippet_models

    ReflectionFactory(author=hcp, title="Private thoughts")
    assert Reflection not in get_snippet_models()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/cms/portfolio/reflection/").status_code == 404
    assertNotContains(client.get("/cms/"), "Reflection")


def test_the_person_shared_with_cannot_change_or_share_it(client, hcp, trainer, manager):
    reflection = ReflectionFactory(author=hcp)
    ReflectionShareFactory(reflection=reflection, shared_with=trainer)
    client.force_login(trainer)
    assert client.get(reverse("portfolio:reflection-edit", args=[reflection.pk])).status_code == 404
    response = client.post(
        reverse("portfolio:reflection-share", args=[reflection.pk]), {"person": manager.pk}
    )
    assert response.status_code == 404
    assert not ReflectionShare.objects.filter(shared_with=manager).exists()


def test_sharing_only_with_a_trainer_or_manager_in_the_hcps_line(client, hcp, other_manager):
    reflection = ReflectionFactory(author=hcp)
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:reflection-share", args=[reflection.pk]), {"person": other_manager.pk}
    )
    assert response.status_code == 400
    assertContains(response, "Select a valid choice", status_code=400)
    assert not reflection.shares.exists()


def test_someone_else_cannot_withdraw_a_share(client, hcp, second_hcp, trainer):
    share = ReflectionShareFactory(reflection=ReflectionFactory(author=hcp), shared_with=trainer)
    client.force_login(second_hcp)
    assert client.post(reverse("portfolio:share-withdraw", args=[share.pk])).status_code == 404
    share.refresh_from_db()
    assert share.withdrawn_at is None


def test_sharing_again_after_withdrawal_keeps_both_records(client, hcp, trainer):
    reflection = ReflectionFactory(author=hcp)
    client.force_login(hcp)
    share_url = reverse("portfolio:reflection-share", args=[reflection.pk])
    client.post(share_url, {"person": trainer.pk})
    first = reflection.shares.get()
    client.post(reverse("portfolio:share-withdraw", args=[first.pk]))
    client.post(share_url, {"person": trainer.pk})
    assert reflection.shares.count() == 2
    assert reflection.shares.active().count() == 1
    page = client.get(reverse("portfolio:reflection", args=[reflection.pk]))
    assertContains(page, "withdrawn")


def test_the_person_shared_with_is_emailed_a_link_and_none_of_the_words(
    client, hcp, trainer, django_capture_on_commit_callbacks
):
    reflection = ReflectionFactory(
        author=hcp,
        title="My hardest review",
        sections={"what": "Mr Jones cried when we talked.", "so_what": "", "now_what": ""},
    )
    client.force_login(hcp)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portfolio:reflection-share", args=[reflection.pk]), {"person": trainer.pk}
        )
    [message] = mail.outbox
    assert message.to == [trainer.email]
    assert message.subject == f"{hcp.get_full_name()} has shared a reflection with you"
    html = message.alternatives[0][0]
    url = reverse("portfolio:reflection", args=[reflection.pk])
    for body in (message.body, html):
        assert url in body
        assert "My hardest review" not in body
        assert "Mr Jones" not in body


def test_a_refused_share_sends_no_email(
    client, hcp, other_manager, django_capture_on_commit_callbacks
):
    reflection = ReflectionFactory(author=hcp)
    client.force_login(hcp)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portfolio:reflection-share", args=[reflection.pk]),
            {"person": other_manager.pk},
        )
    assert mail.outbox == []
