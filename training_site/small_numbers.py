"""The small-number rule: a share of a group too small to stay anonymous is not shown."""

from django.conf import settings


def is_small(group):
    """Return whether a group is smaller than the small-number threshold."""
    return group < settings.SMALL_NUMBER_THRESHOLD


def share(part, group):
    """Return a share as "NN%", or "fewer than N" for a group below the threshold."""
    if is_small(group):
        return f"fewer than {settings.SMALL_NUMBER_THRESHOLD}"
    return f"{round(100 * part / group)}%"


def change(part, group, earlier_part, earlier_group):
    """Return the change in a share in points, or "not shown" when either group is small."""
    if is_small(group) or is_small(earlier_group):
        return "not shown"
    now, then = round(100 * part / group), round(100 * earlier_part / earlier_group)
    return f"{now - then:+d} pts"
