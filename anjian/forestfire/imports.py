"""`anjian import fire-danger FILE.xlsx` and the import page: the daily fire-danger levels, all
rows or none, errors by row and column."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.accounts.models import Town
from anjian.core import excel
from anjian.core.excel import Column
from anjian.core.scoping import in_scope

from . import services

COLUMNS = [
    Column("日期", "date"),
    Column("乡镇", "town"),
    Column("森林火险等级", "level"),
]


class FireDangerImporter(excel.Importer):
    kind = "fire-danger"
    columns = COLUMNS

    def start(self) -> None:
        self.towns: dict = {}
        self.seen: set = set()
        self.forestry = services.forestry()

    def build(self, values: dict, row: int) -> dict:
        errors: dict[str, list] = {}
        result: dict = {}
        try:
            result["date"] = excel.date_or_none(values.get("date"), label="日期")
            if result["date"] is None:
                raise ValidationError(_("Enter a date."))
            services._check_day(result["date"])
        except ValidationError as exc:
            errors["date"] = exc.messages
        try:
            town = excel.lookup_by_code_or_name(
                Town, values.get("town"), label="乡镇", cache=self.towns
            )
            if not in_scope(self.actor, town_id=town.pk, sector_id=self.forestry.pk):
                raise ValidationError(_("This town lies outside your jurisdiction."))
            result["town"] = town
        except ValidationError as exc:
            errors["town"] = exc.messages
        try:
            level = excel.int_or_none(values.get("level"), label="森林火险等级")
            result["level"] = services._check_level(level)
        except ValidationError as exc:
            errors["level"] = exc.messages
        if not errors:
            key = (result["date"], result["town"].pk)
            if key in self.seen:
                errors["date"] = [_("This town and day appear twice in the file.")]
            self.seen.add(key)
        if errors:
            raise ValidationError(errors)
        return result

    def save_batch(self, instances: list[dict]) -> None:
        services.danger_bulk_set(actor=self.actor, rows=instances, via="import")


IMPORTERS = [FireDangerImporter]


def template(stream) -> int:
    excel.write_workbook(stream, [c.header for c in COLUMNS], [], title="森林火险等级")
    return 0
