"""The base of every PDF the site writes: a Unicode font and paragraphs from the left margin."""

from pathlib import Path

import matplotlib
from fpdf import FPDF

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"


class ReportPDF(FPDF):
    """A PDF in a Unicode font whose paragraphs always start at the left margin."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")

    def paragraph(self, height, text):
        """Write a wrapped paragraph and move to the start of the next line."""
        self.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
