"""Links from one app's record to what apps further right offer about it.

A workshop page shows "Simulation rota" and "Feedback links" without the workshops app
knowing about simulations or feedback: the page asks a hook, and each app that has something
to offer registers a function ``(request, record) -> iterable of NavigationItem``.

Hook names in use: ``register_workshop_links`` (a ``Workshop``), ``register_session_links``
(a ``SimulationSession``), ``register_feedback_links`` (a ``FeedbackResponse``) and
``register_observation_links`` (a ``QAObservation``); ``register_workshop_dashboard_links``
(the trainer looking at its workshops dashboard).
"""

from wagtail import hooks


def record_links(hook_name, request, record):
    """Return the links every app offers for a record, in order."""
    items = []
    for offer in hooks.get_hooks(hook_name):
        items.extend(offer(request, record) or ())
    return sorted(items, key=lambda item: item.order)
