"""Two people booking, or two trainers giving, the last place at the same moment.

Runs on PostgreSQL only, where ``select_for_update`` takes a real row lock; SQLite locks the
whole database for a write and cannot show the race.
"""

import threading
import time

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection

from competences.reference import load_reference_data
from tests.factories.workshops import booking
from workshops import services
from workshops.models import Booking, BookingStatus

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (select_for_update)"
    ),
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The national framework, which an earlier transactional test may have flushed away."""
    load_reference_data(apps)


@pytest.fixture
def slow_moves(monkeypatch):
    """Hold each place between counting and saving, so an unlocked race would show."""
    move = services.booking_move

    def slow_move(*args, **kwargs):
        time.sleep(0.3)
        return move(*args, **kwargs)

    monkeypatch.setattr(services, "booking_move", slow_move)


def test_two_bookings_for_the_last_place_give_one_place_and_one_wait(
    a_workshop, hcp, second_hcp, hcp_b, slow_moves
):
    booking(a_workshop, hcp_b)
    start = threading.Barrier(2)
    results, errors = {}, []

    def book(person):
        try:
            start.wait(timeout=10)
            results[person.pk] = services.booking_book(workshop=a_workshop, hcp=person).status
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(p,)) for p in (hcp, second_hcp)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    assert sorted(results.values()) == [BookingStatus.BOOKED, BookingStatus.WAITING]
    booked = Booking.objects.filter(workshop=a_workshop, status=BookingStatus.BOOKED).count()
    assert booked == a_workshop.capacity


def test_two_trainers_giving_the_last_place_at_once_give_it_once_and_tell_the_other(
    a_workshop, trainer, manager, hcp, second_hcp, hcp_b, slow_moves
):
    booking(a_workshop, hcp_b)
    first, second = (booking(a_workshop, p, BookingStatus.WAITING) for p in (hcp, second_hcp))
    start = threading.Barrier(2)
    promoted, refused, errors = [], [], []

    def promote(waiting, actor):
        try:
            start.wait(timeout=10)
            services.booking_promote(booking=waiting, actor=actor)
            promoted.append(waiting.pk)
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=promote, args=pair)
        for pair in ((first, trainer), (second, manager))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    assert len(promoted) == 1
    assert refused == ["Every place is taken. Cancel a place or raise the capacity first."]
    booked = Booking.objects.filter(workshop=a_workshop, status=BookingStatus.BOOKED).count()
    assert booked == a_workshop.capacity
