"""One colour for each status, declared beside its choices and drawn by one ``status_tag``.

A model's status field is registered once with the colour of each of its values; templates
write ``{% status_tag object %}`` and never compare a status string to choose a colour.
"""

STATUS_COLOURS = {}
STATUS_CHOICES = {}
TAG_COLOURS = {"blue", "green", "grey", "yellow", "orange", "red", "white", "purple", "aqua-green"}


def status_colours(model_label, choices, colours, field="status"):
    """Register the tag colour of every value of a model's status field."""
    missing = {value for value in choices.values if value not in colours}
    unknown = set(colours.values()) - TAG_COLOURS
    if missing or unknown:
        raise ValueError(f"{model_label}.{field}: no colour for {missing or unknown}")
    STATUS_COLOURS[(model_label.lower(), field)] = dict(colours)
    STATUS_CHOICES[(model_label.lower(), field)] = choices


def status_colour(instance, field="status"):
    """Return the tag colour of an object's status."""
    colours = STATUS_COLOURS[(instance._meta.label_lower, field)]
    return colours[getattr(instance, field)]
