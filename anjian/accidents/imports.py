"""`anjian import accidents FILE.xlsx`: the contract's template, all rows or none."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.accidents import services
from anjian.accidents.models import Accident
from anjian.accounts.models import Sector, Town
from anjian.core import excel
from anjian.core.excel import Column
from anjian.core.gb6441 import parse_accident_type
from anjian.core.scoping import in_scope, scope_queryset
from anjian.registry.models import Enterprise

COLUMNS = [
    Column("事故名称", "title"),
    Column("发生时间", "occurred_at"),
    Column("报告时间", "reported_at"),
    Column("所属镇", "town"),
    Column("行业领域", "sector"),
    Column("事故类别", "accident_type"),
    Column("单位名称", "enterprise"),
    Column("死亡人数", "deaths"),
    Column("失踪人数", "missing"),
    Column("重伤人数", "serious_injuries"),
    Column("轻伤人数", "minor_injuries"),
    Column("直接经济损失（万元）", "direct_loss"),
    Column("简要经过", "description"),
]
COUNT_LABELS = {
    "deaths": "死亡人数",
    "missing": "失踪人数",
    "serious_injuries": "重伤人数",
    "minor_injuries": "轻伤人数",
}
WAN = Decimal(10000)


class AccidentImporter(excel.Importer):
    kind = "accidents"
    columns = COLUMNS

    def start(self) -> None:
        self.cache: dict = {Town: {}, Sector: {}, Enterprise: {}}

    def _enterprise(self, value):
        name = excel.text(value)
        if not name:
            return None
        if name not in self.cache[Enterprise]:
            # Only units in the actor's scope: a unit elsewhere is neither named nor confirmed.
            found = scope_queryset(Enterprise.objects.all(), self.actor).filter(name=name).first()
            if found is None:
                raise ValidationError(
                    _("No unit %(value)s was found in your scope.") % {"value": name}
                )
            self.cache[Enterprise][name] = found
        return self.cache[Enterprise][name]

    def _type(self, value):
        return parse_accident_type(value)

    def _loss(self, value):
        wan = excel.decimal_or_none(value, label="直接经济损失（万元）") or Decimal(0)
        return (wan * WAN).quantize(Decimal("0.01"))

    def build(self, values: dict, row: int) -> Accident:
        errors: dict[str, list] = {}
        data = {
            "title": excel.text(values.get("title")),
            "description": excel.text(values.get("description")),
        }

        def attempt(name, fn):
            try:
                data[name] = fn()
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)

        for name, label in (("occurred_at", "发生时间"), ("reported_at", "报告时间")):
            attempt(name, lambda n=name, lb=label: excel.aware_datetime(values.get(n), label=lb))
            if data.get(name) is None and name not in errors:
                errors.setdefault(name, []).append(_("This field is required."))
        attempt(
            "town",
            lambda: excel.lookup_by_code_or_name(
                Town, values.get("town"), label=_("town"), cache=self.cache[Town]
            ),
        )
        attempt(
            "sector",
            lambda: excel.lookup_by_code_or_name(
                Sector, values.get("sector"), label=_("sector"), cache=self.cache[Sector]
            ),
        )
        attempt("accident_type", lambda: self._type(values.get("accident_type")))
        attempt("enterprise", lambda: self._enterprise(values.get("enterprise")))
        for name, label in COUNT_LABELS.items():
            attempt(name, lambda n=name, lb=label: excel.int_or_none(values.get(n), label=lb) or 0)
        attempt("direct_loss", lambda: self._loss(values.get("direct_loss")))
        if not data["title"]:
            errors.setdefault("title", []).append(_("This field is required."))
        if errors:
            raise ValidationError(errors)
        accident = services.accident_build(data=data)
        if not in_scope(self.actor, town_id=accident.town_id, sector_id=accident.sector_id):
            raise ValidationError({"town": _("This accident lies outside your jurisdiction.")})
        return accident

    def save_batch(self, instances: list[Accident]) -> None:
        services.accident_bulk_create(actor=self.actor, accidents=instances, via="import")


IMPORTERS = [AccidentImporter]


def import_accidents_upload(*, actor, upload, dry_run: bool) -> excel.ImportResult:
    return excel.run_import_upload(AccidentImporter(actor=actor), upload, dry_run=dry_run)
