"""What an uploaded workbook must be before openpyxl opens it (docs/security.md, "Imports").

An import file comes from outside the county (enterprises upload their own). It is checked by
content, not by name: a zip archive holding an OOXML workbook, within the size limit, whose
members are not a zip bomb (uncompressed size and compression ratio bounded), with a shared
string table small enough to keep a worker's memory flat. The row and column limits are checked
while the rows stream (`anjian.core.excel`).
"""

import os
import re
import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

MAX_ROWS = 50_000
MAX_COLUMNS = 100
# The members together, and the shared strings table alone (openpyxl keeps it in memory).
MAX_UNCOMPRESSED = 256 * 1024 * 1024
# openpyxl holds every shared string as a Python object (about 130 bytes each besides the text):
# 600,000 strings in at most 32 MB of XML keep a worker under 300 MB. A template of 50,000 rows
# holds about 250,000 distinct texts.
MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024
MAX_SHARED_STRINGS = 600_000
SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
# Any other part openpyxl parses whole (styles, workbook, relationships).
MAX_OTHER_PART = 8 * 1024 * 1024
# Sheet XML compresses about 10–30 times; a bomb compresses a thousand times and more.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # smaller members may compress as well as they like

WORKBOOK_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",)


class ImportFileError(Exception):
    """The file is not a workbook this platform will open; the message says why."""


def max_bytes() -> int:
    return settings.IMPORT_MAX_MB * 1024 * 1024


def _size(source: str | IO[bytes]) -> int:
    if isinstance(source, str):
        try:
            return os.path.getsize(source)
        except OSError:
            raise ImportFileError(_("The file cannot be read.")) from None
    position = source.tell()
    source.seek(0, 2)
    size = source.tell()
    source.seek(position)
    return size


def check_workbook_file(source: str | IO[bytes]) -> None:
    """Raise ImportFileError unless `source` (a path or a seekable binary file) is an xlsx
    workbook within the limits."""
    if _size(source) > max_bytes():
        raise ImportFileError(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.IMPORT_MAX_MB}
        )
    not_xlsx = _("The file is not an Excel workbook (.xlsx).")
    try:
        if not zipfile.is_zipfile(source):
            raise ImportFileError(not_xlsx)
        if not isinstance(source, str):
            source.seek(0)
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names:
                raise ImportFileError(not_xlsx)
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_OTHER_PART:
                raise ImportFileError(not_xlsx)
            content_types = archive.read(info).decode("utf-8", "replace")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        KeyError,
        NotImplementedError,
        RuntimeError,
    ):
        raise ImportFileError(not_xlsx) from None
    finally:
        if not isinstance(source, str):
            source.seek(0)
    if not any(kind in content_types for kind in WORKBOOK_TYPES) or "xl/workbook.xml" not in names:
        raise ImportFileError(not_xlsx)
    _check_members(members)
    if "xl/sharedStrings.xml" in names:
        _check_shared_strings(source)


def _check_shared_strings(source: str | IO[bytes]) -> None:
    """Count the shared strings by streaming the part (it is within MAX_SHARED_STRINGS_BYTES)."""
    count, tail = 0, b""
    try:
        with zipfile.ZipFile(source) as archive, archive.open("xl/sharedStrings.xml") as part:
            while chunk := part.read(1024 * 1024):
                data = tail + chunk
                # A match may straddle chunks: keep the last few bytes for the next round.
                keep = max(0, len(data) - 64)
                count += sum(1 for m in SHARED_STRING.finditer(data) if m.start() < keep)
                tail = data[keep:]
            count += len(SHARED_STRING.findall(tail))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from None
    finally:
        if not isinstance(source, str):
            source.seek(0)
    if count > MAX_SHARED_STRINGS:
        raise ImportFileError(
            _("The workbook holds more than %(n)s distinct texts.") % {"n": MAX_SHARED_STRINGS}
        )


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    too_big = _("The workbook expands to more data than an import may hold.")
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
        raise ImportFileError(too_big)
    for member in members:
        name = member.filename
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ImportFileError(too_big)
        if name == "xl/sharedStrings.xml":
            if member.file_size > MAX_SHARED_STRINGS_BYTES:
                raise ImportFileError(too_big)
        elif not name.startswith("xl/worksheets/") and member.file_size > MAX_OTHER_PART:
            raise ImportFileError(too_big)
