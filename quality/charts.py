"""The QA report's chart: plain rows in, SVG out, drawn on a matplotlib Figure."""

import textwrap

from matplotlib.figure import Figure

from training_site.charts import FONT

SERIES = (
    ("in_place", "In place", "#007f3b", ""),
    ("partly", "Partly in place", "#ffb81c", ".."),
    ("not_in_place", "Not in place", "#d5281b", "//"),
    ("not_observed", "Not observed", "#aeb7bd", ""),
)


def _label(row):
    """A short, wrapped label for a measure, safe from matplotlib's maths markup."""
    text = textwrap.shorten(row.measure, 70, placeholder="…").replace("$", r"\$")
    return "\n".join(textwrap.wrap(text, 38))


def findings_figure(rows):
    """Draw a stacked horizontal bar per measure: how many observations found it in place."""
    labels = [_label(row) for row in rows]
    height = max(2.6, 1.3 + 0.62 * len(rows))
    figure = Figure(figsize=(8, height), layout="constrained")
    axes = figure.subplots()
    positions = list(range(len(rows)))
    left = [0] * len(rows)
    for attribute, label, colour, hatch in SERIES:
        values = [getattr(row, attribute) or 0 for row in rows]
        axes.barh(
            positions,
            values,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=label,
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, labels=labels, **FONT)
    axes.invert_yaxis()
    axes.set_xlabel("Observations", **FONT)
    axes.xaxis.get_major_locator().set_params(integer=True)
    figure.legend(loc="outside lower center", ncols=4, fontsize=8, frameon=False)
    axes.set_title("How often each measure was found in place", **FONT)
    return figure
