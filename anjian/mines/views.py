"""Pages: the Excel import of pond readings and its template."""

from django.urls import reverse
from django.utils.translation import gettext as _

from anjian.core.excel_views import import_page, xlsx_download
from anjian.core.permissions import requires

from . import imports


@requires("write")
def reading_template(request):
    return xlsx_download(
        "pond-readings-template.xlsx",
        imports.template,
        request=request,
        kind="pond_reading_template",
    )


@requires("write")
def reading_import(request):
    return import_page(
        request,
        importer=imports.ReadingImporter(actor=request.user),
        heading=_("Import tailings pond readings from Excel"),
        intro=_(
            "Use the template: one reading per row, the pond by its number and the point by its "
            "code; the unit (m or mm) as the item is measured; the time as 2025-03-01 08:00, "
            "not in the future. Every row is checked first; if any row has an error, nothing is "
            "saved."
        ),
        template_url=reverse("mines:reading_template"),
        done_url=reverse("mines:reading_import"),
        done_message=_("%(n)s readings were imported."),
    )
