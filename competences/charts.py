"""Charts for gap profiles: plain rows in, SVG or PNG bytes out, drawn on a matplotlib Figure."""

from matplotlib.figure import Figure

from training_site.charts import FONT, plain


def heatmap_figure(units, competences, percentages):
    """Draw units (rows) by competences (columns), each cell the percentage met, or None."""
    units, competences = plain(units), plain(competences)
    width = max(4.5, 1.0 + 0.9 * len(competences))
    height = max(2.0, 0.9 + 0.42 * len(units))
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots()
    grid = [[(p if p is not None else float("nan")) for p in row] for row in percentages]
    image = axes.imshow(grid, cmap="Blues", vmin=0, vmax=100, aspect="auto")
    axes.set_xticks(range(len(competences)), labels=competences, rotation=45, ha="right", **FONT)
    axes.set_yticks(range(len(units)), labels=units, **FONT)
    for row, values in enumerate(percentages):
        for column, value in enumerate(values):
            text = "–" if value is None else f"{value}%"
            colour = "white" if value is not None and value >= 60 else "#212b32"
            axes.text(column, row, text, ha="center", va="center", color=colour, **FONT)
    colourbar = figure.colorbar(image, ax=axes, shrink=0.8)
    colourbar.set_label("% of needs met", **FONT)
    axes.set_title("Share of needs met, by unit and competence", **FONT)
    return figure


def summary_figure(competences, met, self_assessed, gap):
    """Draw a horizontal stacked bar per competence: met, self-assessed only, gap."""
    competences = plain(competences)
    height = max(2.4, 1.2 + 0.4 * len(competences))
    figure = Figure(figsize=(7.5, height), layout="constrained")
    axes = figure.subplots()
    positions = range(len(competences))
    axes.barh(positions, met, color="#007f3b", label="Met")
    axes.barh(positions, self_assessed, left=met, color="#ffeb3b", label="Self-assessed only")
    left = [m + s for m, s in zip(met, self_assessed, strict=True)]
    axes.barh(
        positions, gap, left=left, color="#d5281b", hatch="//", edgecolor="white", label="Gap"
    )
    axes.set_yticks(list(positions), labels=competences, **FONT)
    axes.invert_yaxis()
    axes.set_xlabel("People needing the competence", **FONT)
    figure.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    axes.set_title("Where the workforce stands on each competence", **FONT)
    return figure
