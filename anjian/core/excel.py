"""Excel import and export: streamed, validated row by row, all rows or none.

An importer (one per KIND, in the area app's `imports.py`) lists its template columns and turns
one row into a model instance or raises ValidationError naming the fields. `run_import` reads the
file twice in read-only mode: first to validate every row, then, only if no row failed, to write
in batches inside one transaction. Memory does not grow with the file.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from anjian.core.excel_checks import (
    MAX_COLUMNS,
    MAX_ROWS,
    ImportFileError,
    check_workbook_file,
)
from anjian.core.validators import (
    CONTROL_MESSAGE,
    has_control_characters,
    strip_control_characters,
)


@dataclass
class Column:
    header: str  # the Chinese header of the template
    field: str  # the model or form field it fills


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:  # the file itself
            return self.message
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row, "column": self.column or "-", "message": self.message}


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class Importer:
    """Base class: subclasses set `kind`, `columns`, and implement `build` and `save_batch`."""

    kind: str = ""
    columns: list[Column] = []
    max_errors = 1000

    def __init__(self, *, actor):
        self.actor = actor

    def start(self) -> None:
        """Called before each pass: reset per-file state (duplicate detection)."""

    def build(self, values: dict[str, Any], row: int) -> Any:
        """Return an unsaved instance for one row, or raise ValidationError with field keys."""
        raise NotImplementedError

    def save_batch(self, instances: list) -> None:
        raise NotImplementedError

    def field_header(self, field_name: str) -> str:
        for column in self.columns:
            if column.field == field_name:
                return column.header
        return ""


def _rows(path) -> Iterator[tuple]:
    """The first sheet's rows, at most MAX_COLUMNS + 1 cells wide (so a sheet that claims
    16,384 columns costs nothing; the extra cell tells that the limit was passed)."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to XML syntax errors
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:
                raise ImportFileError(_("The workbook's sheet cannot be read.")) from exc
            yield row
    finally:
        workbook.close()


def _header_map(importer: Importer, header_row: tuple) -> tuple[dict[str, int], list[RowError]]:
    headers = [str(h).strip() if h is not None else "" for h in header_row]
    positions, errors = {}, []
    for column in importer.columns:
        if column.header in headers:
            positions[column.field] = headers.index(column.header)
        else:
            errors.append(RowError(1, column.header, _("The column is missing from the header row.")))
    return positions, errors


def _errors_from(exc: ValidationError, importer: Importer, row: int) -> list[RowError]:
    if hasattr(exc, "error_dict"):
        return [
            RowError(row, importer.field_header(name) if name != "__all__" else "",
                     " ".join(str(m) for m in err.messages))
            for name, errors in exc.error_dict.items() for err in errors
        ]
    return [RowError(row, "", " ".join(str(m) for m in exc.messages))]


def _iter_values(importer: Importer, path) -> Iterator[tuple[int, dict[str, Any] | list[RowError]]]:
    """(row number, values) per data row, or (row number, errors) for a row that cannot be read.

    Errors on row 1 (the header, the file's limits) end the file."""
    rows = _rows(path)
    header = next(rows, None)
    if header is None:
        yield 1, [RowError(1, "", _("The file is empty."))]
        return
    if len(header) > MAX_COLUMNS and header[MAX_COLUMNS] is not None:
        yield 1, [RowError(1, "", _("The sheet has more than %(n)s columns.") % {"n": MAX_COLUMNS})]
        return
    positions, errors = _header_map(importer, header)
    if errors:
        yield 1, errors
        return
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            yield 1, [RowError(number, "", _("The sheet has more than %(n)s rows.") % {
                "n": MAX_ROWS})]
            return
        if cells is None or all(c is None or str(c).strip() == "" for c in cells):
            continue
        values = {name: (cells[pos] if pos < len(cells) else None)
                  for name, pos in positions.items()}
        bad = [RowError(number, importer.field_header(name), str(CONTROL_MESSAGE))
               for name, value in values.items() if has_control_characters(value)]
        yield number, (bad or values)


def _check_rows(importer: Importer, path, result: ImportResult) -> None:
    for number, values in _iter_values(importer, path):
        if isinstance(values, list):
            result.errors.extend(values)
            if number == 1 or len(result.errors) >= importer.max_errors:
                return
            continue
        result.rows += 1
        try:
            importer.build(values, number)
        except ValidationError as exc:
            result.errors.extend(_errors_from(exc, importer, number))
            if len(result.errors) >= importer.max_errors:
                return


def run_import(importer: Importer, path, *, dry_run: bool = False,
               batch_size: int = 500) -> ImportResult:
    """Validate every row; if none failed (and not a dry run), write them all in one transaction."""
    result = ImportResult(kind=importer.kind, dry_run=dry_run)
    try:
        check_workbook_file(str(path))
    except ImportFileError as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    importer.start()
    try:
        _check_rows(importer, path, result)
    except ImportFileError as exc:
        result.errors.append(RowError(0, "", str(exc)))
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        importer.start()
        batch = []
        for number, values in _iter_values(importer, path):
            batch.append(importer.build(values, number))
            if len(batch) >= batch_size:
                importer.save_batch(batch)
                result.created += len(batch)
                batch = []
        if batch:
            importer.save_batch(batch)
            result.created += len(batch)
    return result


def write_workbook(path_or_stream, headers: list[str], rows: Iterable[Iterable[Any]],
                   title: str = "Sheet1") -> None:
    """Write a streamed (write-only) workbook: the header row, then the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    append_row(sheet, headers)
    for row in rows:
        append_row(sheet, row)
    workbook.save(path_or_stream)


# A text starting with one of these is a formula (or becomes one when a user edits the cell) in
# Excel, WPS or LibreOffice: OWASP "CSV injection".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(sheet, value: Any) -> Any:
    """The one way every writer puts a value into a cell: never a formula, never a bad character.

    Text loses the control characters XML cannot carry (rows stored before input refused them).
    Text that Excel would read as a formula is written as a string cell with the "quote prefix"
    style: Excel and WPS show and keep it as text, yet the cell's value is the text itself, so
    an exported workbook imported again gives back the real name or address.
    """
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    if not value.startswith(FORMULA_TRIGGERS):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def append_row(sheet, values: Iterable[Any]) -> None:
    """`sheet.append` through `safe_cell` (write-only and ordinary worksheets alike)."""
    sheet.append([safe_cell(sheet, v) for v in values])


# --- cell parsers shared by the importers -------------------------------------------------

def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def decimal_or_none(value: Any, *, label: str) -> Decimal | None:
    if value is None or text(value) == "":
        return None
    try:
        return Decimal(text(value))
    except InvalidOperation as exc:
        raise ValidationError(_("%(label)s must be a number.") % {"label": label}) from exc


def int_or_none(value: Any, *, label: str) -> int | None:
    number = decimal_or_none(value, label=label)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValidationError(_("%(label)s must be a whole number.") % {"label": label})
    return int(number)


DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S",
                    "%Y-%m-%d", "%Y/%m/%d")


def aware_datetime(value: Any, *, label: str) -> dt.datetime | None:
    """`2024-03-05 14:30`, `2024/3/5 14:30` or an Excel date cell, in Asia/Shanghai."""
    if value is None or text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        naive = value
    elif isinstance(value, dt.date):
        naive = dt.datetime.combine(value, dt.time())
    else:
        raw = text(value)
        for fmt in DATETIME_FORMATS:
            try:
                naive = dt.datetime.strptime(raw, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _("%(label)s must be a date and time such as 2024-03-05 14:30.") % {"label": label})
    return timezone.make_aware(naive) if timezone.is_naive(naive) else naive


def date_or_none(value: Any, *, label: str) -> dt.date | None:
    moment = aware_datetime(value, label=label)
    return timezone.localtime(moment).date() if moment else None


def lookup_by_code_or_name(model, value: Any, *, label: str, cache: dict | None = None,
                           required: bool = True):
    """A town, sector or department given by its code or its Chinese name."""
    raw = text(value)
    if not raw:
        if required:
            raise ValidationError(_("%(label)s is required.") % {"label": label})
        return None
    if cache is not None and raw in cache:
        return cache[raw]
    found = model.objects.filter(code=raw).first() or model.objects.filter(name=raw).first()
    if found is None:
        raise ValidationError(_("Unknown %(label)s: %(value)s") % {"label": label, "value": raw})
    if cache is not None:
        cache[raw] = found
    return found


def importers() -> dict[str, type[Importer]]:
    """KIND → Importer class, from the lists named in `anjian.hooks.IMPORTERS`."""
    from anjian.core.hooks import resolve

    found = {}
    for classes in resolve("IMPORTERS"):
        for cls in classes:
            found[cls.kind] = cls
    return found


def exporters() -> dict[str, Callable]:
    """KIND → export function(actor, stream), from the dictionaries in `anjian.hooks.EXPORTERS`."""
    from anjian.core.hooks import resolve

    found = {}
    for exporters_of_area in resolve("EXPORTERS"):
        found.update(exporters_of_area)
    return found


def run_import_upload(importer: Importer, upload, *, dry_run: bool = False) -> ImportResult:
    """`run_import` over an uploaded file, spooled to disk first so that it streams."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return run_import(importer, handle.name, dry_run=dry_run)
