"""Feedback charts: plain rows in, SVG out, drawn on a matplotlib Figure."""

from collections import defaultdict

from matplotlib.figure import Figure

from training_site.charts import FONT, as_svg, plain

COLOURS = ["#005eb8", "#007f3b", "#ed8b00", "#330072", "#d5281b"]


def scores_over_time_figure(points):
    """Draw each instrument's scores by date, one line per instrument."""
    figure = Figure(figsize=(7.0, 3.2), layout="constrained")
    axes = figure.subplots()
    series = defaultdict(list)
    for point in points:
        if point.score is not None:
            series[point.instrument].append((point.day, point.score))
    for colour, (name, values) in zip(COLOURS * 3, sorted(series.items()), strict=False):
        days, scores = zip(*values, strict=True)
        axes.plot(days, scores, marker="o", color=colour, label=plain([name])[0])
    axes.set_ylabel("Score", **FONT)
    axes.set_xlabel("Date of the session", **FONT)
    axes.tick_params(labelsize=8)
    figure.autofmt_xdate()
    if series:
        figure.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    axes.set_title("Feedback scores over time", **FONT)
    return figure


def scores_over_time_svg(points):
    """Render the scores-over-time chart as SVG text."""
    return as_svg(scores_over_time_figure(points))


def agreement_figure(rows):
    """Draw the mean absolute difference between the two raters per aspect, smaller is closer."""
    shown = [row for row in rows if not row.suppressed]
    labels = plain([row.label for row in shown])
    height = max(2.0, 1.0 + 0.45 * len(shown))
    figure = Figure(figsize=(7.0, height), layout="constrained")
    axes = figure.subplots()
    positions = range(len(shown))
    differences = [row.mean_absolute_difference for row in shown]
    axes.barh(list(positions), differences, color="#005eb8")
    for position, row in zip(positions, shown, strict=True):
        axes.text(
            row.mean_absolute_difference,
            position,
            f"  {row.mean_absolute_difference} ({row.exact_agreement}% exact)",
            va="center",
            **FONT,
        )
    axes.set_yticks(list(positions), labels=labels, **FONT)
    axes.invert_yaxis()
    axes.set_xlim(0, max(differences, default=1) * 1.6 or 1)
    axes.set_xlabel("Mean absolute difference between representative and observer", **FONT)
    axes.set_title("How far the representative's and observer's ratings agree", **FONT)
    return figure


def agreement_svg(rows):
    """Render the agreement chart as SVG text, or None when every row is too small to show."""
    if not any(not row.suppressed for row in rows):
        return None
    return as_svg(agreement_figure(rows))
