"""Read an uploaded CSV or XLSX file into headers and rows, forgiving the usual mess.

Handles a byte-order mark, Windows line endings, Windows-1252 text, comma, semicolon or tab
separators, blank rows, and spreadsheet cells holding dates or numbers.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import load_workbook

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100


class TableError(Exception):
    """The file cannot be read as a table; the message says why."""


@dataclass(frozen=True)
class Row:
    """One row of data: its line number in the file and its values by header."""

    number: int
    values: dict


@dataclass(frozen=True)
class Table:
    """The headers and data rows of an uploaded file."""

    headers: list
    rows: list


def read_table(upload):
    """Read a CSV or XLSX upload; raise TableError with a clear message if it cannot."""
    if upload.size > MAX_BYTES:
        raise TableError("The file must be smaller than 10 MB.")
    name = upload.name.lower()
    raw = upload.read()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(raw)
    elif name.endswith((".csv", ".txt")):
        lines = _csv_lines(raw)
    else:
        raise TableError("The file must be a CSV file or an Excel workbook (.xlsx).")
    return _table(lines)


def _csv_lines(raw):
    """Decode CSV bytes and split them into lists of cells."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError("The file's text could not be read. Save it as CSV UTF-8 and try again.")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return _limited(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise TableError(f"The file could not be read as CSV: {error}.") from None


def _xlsx_lines(raw):
    """Read the first worksheet of a workbook into lists of cells."""
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError("The workbook could not be opened. Check it is an .xlsx file.") from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    return _limited([_cell_text(value) for value in row] for row in rows)


def _limited(lines):
    """Read lines up to the row limit, refusing a file that has more."""
    result = []
    for line in lines:
        if len(result) > MAX_ROWS:
            raise TableError(f"The file has more than {MAX_ROWS:,} rows. Split it and try again.")
        result.append(line[:MAX_COLUMNS])
    return result


def _cell_text(value):
    """Turn a spreadsheet cell into text, keeping dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(lines):
    """Find the header row and build the data rows, skipping blank lines."""
    numbered = [(n, [c.strip() for c in cells]) for n, cells in enumerate(lines, start=1)]
    numbered = [(n, cells) for n, cells in numbered if any(cells)]
    if not numbered:
        raise TableError("The file is empty.")
    header_number, headers = numbered[0]
    headers = [h or f"Column {i}" for i, h in enumerate(headers, start=1)]
    seen = set()
    for header in headers:
        key = header.lower()
        if key in seen:
            raise TableError(f"The column heading '{header}' appears more than once.")
        seen.add(key)
    if len(numbered) - 1 > MAX_ROWS:
        raise TableError(f"The file has more than {MAX_ROWS:,} rows. Split it and try again.")
    rows = [
        Row(number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers)})
        for number, cells in numbered[1:]
    ]
    if not rows:
        raise TableError("The file has headings but no rows of data.")
    return Table(headers=headers, rows=rows)
