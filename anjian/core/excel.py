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
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
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
    rows = _rows(path)
    header = next(rows, None)
    if header is None:
        yield 1, [RowError(1, "", _("The file is empty."))]
        return
    positions, errors = _header_map(importer, header)
    if errors:
        yield 1, errors
        return
    for number, cells in enumerate(rows, start=2):
        if cells is None or all(c is None or str(c).strip() == "" for c in cells):
            continue
        values = {name: (cells[pos] if pos < len(cells) else None)
                  for name, pos in positions.items()}
        yield number, values


def run_import(importer: Importer, path, *, dry_run: bool = False,
               batch_size: int = 500) -> ImportResult:
    """Validate every row; if none failed (and not a dry run), write them all in one transaction."""
    result = ImportResult(kind=importer.kind, dry_run=dry_run)
    importer.start()
    for number, values in _iter_values(importer, path):
        if isinstance(values, list):
            result.errors.extend(values)
            return result
        result.rows += 1
        try:
            importer.build(values, number)
        except ValidationError as exc:
            result.errors.extend(_errors_from(exc, importer, number))
            if len(result.errors) >= importer.max_errors:
                break
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
    sheet.append(headers)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    workbook.save(path_or_stream)


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


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
