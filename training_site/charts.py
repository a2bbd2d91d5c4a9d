"""What every chart shares: its font, text-only labels, and rendering a Figure to SVG or PNG."""

import io

FONT = {"family": "sans-serif", "size": 9}


def plain(labels):
    """Escape dollar signs so matplotlib draws labels as text, never as maths."""
    return [str(label).replace("$", r"\$") for label in labels]


def as_svg(figure):
    """Render a figure as SVG text."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    return buffer.getvalue()


def as_png(figure, dpi=150):
    """Render a figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
