"""Links that apps offer about each other's records, gathered through hooks."""

from wagtail import hooks

from training_site.navigation import NavigationItem
from training_site.record_links import record_links


def test_links_from_every_app_in_order():
    def late(request, record):
        return [NavigationItem(f"Later about {record}", "/later/", order=50)]

    def early(request, record):
        return [NavigationItem(f"First about {record}", "/first/", order=10)]

    with hooks.register_temporarily(
        [("register_test_links", late), ("register_test_links", early)]
    ):
        links = record_links("register_test_links", None, "the workshop")
    assert [link.label for link in links] == [
        "First about the workshop",
        "Later about the workshop",
    ]


def test_no_offers_no_links():
    assert record_links("register_nothing_here", None, object()) == []
