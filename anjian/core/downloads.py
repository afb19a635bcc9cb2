"""The audited download responses the pages share: a generated document and a stored file.

Every download is audited as `export.<kind>` (core.audit.record_download); an xlsx goes through
`core.excel_views.xlsx_download`, which does the same for workbooks written on the fly.
"""

from django.db import models
from django.http import FileResponse, HttpResponse

from anjian.core import audit


def content_download(
    request, content: bytes, *, content_type: str, filename: str, kind: str, query: str = ""
) -> HttpResponse:
    """A generated document (Word, Markdown) as an attachment, audited."""
    audit.record_download(actor=request.user, kind=kind, filename=filename, query=query)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_file_download(
    request, item: models.Model, *, kind: str, query: str, inline: bool = False
) -> FileResponse:
    """An uploaded file (`item.file`, `item.name`) the caller's selector already scoped,
    audited; `inline` shows it in the browser (photos) instead of saving it."""
    audit.record_download(actor=request.user, kind=kind, filename=item.name, query=query)
    return FileResponse(item.file.open("rb"), as_attachment=not inline, filename=item.name)
