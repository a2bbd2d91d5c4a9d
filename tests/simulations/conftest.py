"""A workshop at site A run by the trainer, with the cast booked on it."""

import pytest

from tests.factories.simulations import book, workshop


@pytest.fixture
def day(site_a, trainer, hcp, second_hcp):
    """Site A's workshop: the trainer runs it, both site A HCPs are booked."""
    made = workshop(site_a, trainers=[trainer])
    book(made, hcp, second_hcp)
    return made


@pytest.fixture
def signed_in(client):
    """Sign a person in and return the client."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
