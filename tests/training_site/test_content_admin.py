"""The content admin sends nothing about its users to other sites and escapes its exports."""

import pytest

from tests.factories.training_site import UserFactory


@pytest.fixture
def editor(db):
    """A content administrator with an email address Gravatar could look up."""
    return UserFactory(is_superuser=True, email="editor@example.org", first_name="Eddie")


@pytest.mark.parametrize("path", ["/cms/", "/cms/account/", "/cms/users/"])
def test_content_admin_pages_ask_gravatar_for_nothing(client, editor, path):
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 200
    assert "gravatar" not in response.text.lower()
