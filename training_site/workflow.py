"""Which state of a record allows which action, declared once per workflow.

Each workflow module (``workshops/workflow.py``, ``competences/workflow.py``,
``quality/workflow.py``) registers its rules here. Services refuse with ``workflow_require``,
views decide what to offer with ``may`` and templates write ``{% if booking|may:"cancel" %}``,
so no template compares a status string and the three cannot drift apart.
"""

from django.core.exceptions import ValidationError

WORKFLOW_RULES = {}


def workflow_rules(model_label, rules):
    """Register the actions a model's records allow, each a test of one record."""
    WORKFLOW_RULES[model_label.lower()] = dict(rules)


def may(instance, action):
    """Say whether a record's state allows an action; no record allows nothing."""
    if instance is None:
        return False
    rules = WORKFLOW_RULES[instance._meta.label_lower]
    if action not in rules:
        raise KeyError(f"{instance._meta.label}: no workflow action {action!r}")
    return rules[action](instance)


def workflow_require(instance, action, message):
    """Refuse an action the record's state does not allow, with a message for the person."""
    if not may(instance, action):
        raise ValidationError(message)
