"""The Excel pieces every area's pages share: the download response and the import page."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from anjian.core import audit
from anjian.core.excel import Importer, run_import_upload
from anjian.core.excel_checks import ImportFileError, check_workbook_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(filename: str, write: Callable, *, request, kind: str) -> HttpResponse:
    """A download of the workbook that `write(stream)` writes, audited as `export.<kind>`."""
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    rows = write(response)
    audit.record_download(
        actor=request.user,
        kind=kind,
        filename=filename,
        rows=rows if isinstance(rows, int) else None,
        query=request.GET.urlencode(),
    )
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Check only, do not save"), required=False)

    def clean_file(self):
        """Checked by content (docs/security.md): a real workbook within the limits."""
        upload = self.cleaned_data["file"]
        try:
            check_workbook_file(upload)
        except ImportFileError as exc:
            raise forms.ValidationError(
                _("%(name)s: %(reason)s Upload an .xlsx file made from the template.")
                % {"name": upload.name, "reason": exc}
            ) from None
        return upload


def import_page(
    request,
    *,
    importer: Importer,
    heading: str,
    intro: str,
    template_url: str,
    done_url: str,
    done_message: str,
):
    """The upload page: check every row, save all or nothing, list errors by row and column.

    Every import shares core/import.html; `heading` and `intro` name what is imported and how
    the template's rows read, `template_url` is where its empty template downloads.
    """
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = run_import_upload(
            importer, form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"]
        )
        if result.ok and not result.dry_run:
            messages.success(request, done_message % {"n": result.created})
            return redirect(done_url)
    for field in form.fields.values():
        css = (
            "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
        )
        field.widget.attrs.setdefault("class", css)
    return render(
        request,
        "core/import.html",
        {
            "form": form,
            "result": result,
            "heading": heading,
            "intro": intro,
            "template_url": template_url,
        },
    )
