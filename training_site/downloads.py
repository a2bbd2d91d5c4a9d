"""Spreadsheet downloads: CSV streamed in chunks and XLSX written in write-only mode.

Every cell passes through ``safe_cell`` so a value that starts like a formula stays text; an
XLSX cell also loses the control characters a workbook cannot hold (tab and line breaks stay).
"""

import csv
import tempfile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Stop a spreadsheet reading text as a formula by prefixing an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_cell(value):
    """Return a value a workbook can hold: control characters removed, formulas kept as text."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return safe_cell(value)


def titled(title, rows):
    """Yield a title line and a blank line before the rows, so the file says what it holds."""
    yield [title]
    yield []
    yield from rows


class Echo:
    """A file-like object whose write returns the text, for csv.writer in a stream."""

    def write(self, value):
        """Return what was written."""
        return value


def csv_stream(rows, lines_per_chunk=500):
    """Yield CSV text in chunks of lines, formulas escaped, with a byte-order mark for Excel."""
    writer = csv.writer(Echo())
    chunk = ["\ufeff"]
    for row in rows:
        chunk.append(writer.writerow([safe_cell(value) for value in row]))
        if len(chunk) >= lines_per_chunk:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def xlsx_file(rows, title, description=""):
    """Write rows to a temporary XLSX file in write-only mode and return it, rewound."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = xlsx_cell(description or title)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to FileResponse, which closes it
    workbook.save(handle)
    handle.seek(0)
    return handle
