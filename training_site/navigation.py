"""The header's navigation: each app adds the links its roles need through a hook.

A ``register_navigation_items`` hook receives the request and the person's roles and returns
``NavigationItem`` values; the header lists them in order and marks the current one.
"""

from dataclasses import dataclass

from wagtail import hooks

from training_site.scoping import roles_of

HOOK_NAME = "register_navigation_items"


@dataclass(frozen=True)
class NavigationItem:
    """A link in the header's navigation or on a record; with no url, a fact shown as a tag."""

    label: str
    url: str
    order: int = 100


def navigation_items(request):
    """Return the header links for the signed-in person, marking the one being viewed."""
    if not request.user.is_authenticated:
        return []
    roles = roles_of(request.user)
    items = []
    for hook in hooks.get_hooks(HOOK_NAME):
        items.extend(hook(request, roles) or ())
    items.sort(key=lambda item: item.order)
    current = _current_url(request.path, [item.url for item in items])
    return [
        {"label": item.label, "url": item.url, "current": item.url == current} for item in items
    ]


def _current_url(path, urls):
    """Pick the longest link that the current path starts with."""
    matches = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    return max(matches, key=len, default=None)
