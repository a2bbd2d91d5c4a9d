"""Workshop evaluation charts: plain rows in, SVG out, drawn on a matplotlib Figure."""

from matplotlib.figure import Figure

from training_site.charts import FONT, as_svg, plain


def confidence_figure(items):
    """Draw each question's mean confidence before (grey) and after (blue), side by side."""
    labels = plain([item.prompt for item in items])
    height = max(2.4, 1.2 + 0.55 * len(items))
    figure = Figure(figsize=(7.0, height), layout="constrained")
    axes = figure.subplots()
    positions = list(range(len(items)))
    before = [item.before_mean for item in items]
    after = [item.after_mean for item in items]
    axes.barh([p - 0.2 for p in positions], before, height=0.4, color="#768692", label="Before")
    axes.barh([p + 0.2 for p in positions], after, height=0.4, color="#005eb8", label="After")
    for position, item in zip(positions, items, strict=True):
        sign = "+" if item.change > 0 else ""
        axes.text(item.after_mean, position + 0.2, f"  {sign}{item.change}", va="center", **FONT)
    axes.set_yticks(positions, labels=[_wrapped(label) for label in labels], **FONT)
    axes.invert_yaxis()
    top = max([*before, *after, 1])
    axes.set_xlim(0, 10 if top <= 10 else top * 1.2)
    axes.set_xlabel("Mean confidence (paired respondents' change shown after the bar)", **FONT)
    figure.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    axes.set_title("Confidence before and after the workshop", **FONT)
    return figure


def _wrapped(label, width=38):
    """Break a long question over lines so the chart keeps its width."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def confidence_svg(items):
    """Render the before-and-after chart as SVG text, or None when nothing may be shown."""
    if not items:
        return None
    return as_svg(confidence_figure(items))
