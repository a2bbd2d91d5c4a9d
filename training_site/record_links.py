"""Links from one app's record to what apps further right offer about it.

A workshop page shows "Simulation rota" and "Feedback links" without the workshops app
knowing about simulations or feedback: the page asks a hook, and each app that has something
to offer registers a function ``(request, record) -> iterable of NavigationItem``.

The hooks, their records and signatures are listed in ``training_site.extension_points``.
"""

from wagtail import hooks


def record_links(hook_name, request, record):
    """Return the links every app offers for a record, in order."""
    items = []
    for offer in hooks.get_hooks(hook_name):
        items.extend(offer(request, record) or ())
    return sorted(items, key=lambda item: item.order)
