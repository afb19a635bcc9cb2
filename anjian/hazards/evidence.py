"""Evidence files: photos and documents, checked by extension AND by content (magic bytes).

Files live under MEDIA_ROOT and are served only through the scoped evidence view.
"""

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import EvidenceKind

MAX_BYTES = 10 * 1024 * 1024

# extension → (kind, content type)
ALLOWED = {
    "jpg": (EvidenceKind.PHOTO, "image/jpeg"),
    "jpeg": (EvidenceKind.PHOTO, "image/jpeg"),
    "png": (EvidenceKind.PHOTO, "image/png"),
    "pdf": (EvidenceKind.DOCUMENT, "application/pdf"),
    "docx": (
        EvidenceKind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        EvidenceKind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def _sniff(head: bytes, upload) -> str | None:
    """The file type the content says it is (None when unknown)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


# File systems take 255 bytes per name; the storage adds a 8-character suffix on a clash.
MAX_NAME_BYTES = 120


def storage_name(name: str) -> str:
    """The name a file is stored under: the upload's name shortened to MAX_NAME_BYTES of UTF-8,
    keeping its extension (a Chinese name of 86 characters is already 258 bytes)."""
    path = PurePath(PurePath(name).name or "file")
    suffix = path.suffix if len(path.suffix.encode()) <= 16 else ""
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    budget = MAX_NAME_BYTES - len(suffix.encode())
    stem = stem.encode()[:budget].decode("utf-8", "ignore") or "file"
    return stem + suffix


@contextmanager
def removed_on_failure() -> Iterator[list]:
    """Collect the files a step stores; if the step fails (its transaction rolls back), remove
    them from disk, so no file stays behind without its record."""
    stored: list = []
    try:
        yield stored
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise


def check_upload(upload) -> tuple[str, str]:
    """Validate one uploaded file; returns (kind, content type) or raises ValidationError."""
    ext = extension_of(upload.name)
    if ext not in ALLOWED:
        raise ValidationError(
            {
                "evidence": _("Only JPG, PNG, PDF, DOCX and XLSX files can be attached (%(name)s).")
                % {"name": upload.name}
            }
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {"evidence": _("%(name)s is larger than 10 MB.") % {"name": upload.name}}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    sniffed = _sniff(head, upload)
    if sniffed is None or ALLOWED[sniffed][1] != ALLOWED[ext][1]:
        raise ValidationError(
            {
                "evidence": _("The content of %(name)s does not match its file type.")
                % {"name": upload.name}
            }
        )
    return ALLOWED[ext]


def check_uploads(uploads) -> None:
    for upload in uploads or ():
        check_upload(upload)
