"""What apps further right add to a person's competence page, through hooks.

A ``register_competence_links`` hook receives the request, the person and the standings on
the page (``Standing`` values: a competence and its state) and returns
``{competence id: [NavigationItem, ...]}``, in one query per app whatever the number of
competences. A ``register_competence_panels`` hook receives the request and the
person and returns ``HomePanel`` values shown below the table. Each must offer only what the
requesting user may use.
"""

from wagtail import hooks

LINKS_HOOK = "register_competence_links"
PANELS_HOOK = "register_competence_panels"


def competence_links(request, person, standings):
    """Return the links every app offers per competence, in order."""
    links = {}
    for offer in hooks.get_hooks(LINKS_HOOK):
        for competence_id, items in (offer(request, person, standings) or {}).items():
            links.setdefault(competence_id, []).extend(items)
    return {key: sorted(items, key=lambda item: item.order) for key, items in links.items()}


def competence_panels(request, person):
    """Return the panels every app adds below the person's competences, in order."""
    panels = []
    for offer in hooks.get_hooks(PANELS_HOOK):
        panels.extend(offer(request, person) or ())
    return sorted(panels, key=lambda panel: panel.order)
