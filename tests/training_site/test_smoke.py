"""A first check that the cast builds and the home page answers."""

from django.urls import reverse


def test_manager_home_page_greets_by_first_name(client, manager):
    client.force_login(manager)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Hello, Maya" in response.content.decode()
