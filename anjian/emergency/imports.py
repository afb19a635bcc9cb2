"""`anjian import emergency-plans FILE.xlsx` and the import page: all rows or none, errors by
row and column."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.core import excel
from anjian.core.excel import Column
from anjian.core.scoping import scope_queryset
from anjian.emergency import services
from anjian.emergency.models import EmergencyPlan, PlanKind
from anjian.registry.models import Enterprise

COLUMNS = [
    Column("所属单位代码", "unit"),
    Column("企业统一社会信用代码", "enterprise"),
    Column("预案类型", "kind"),
    Column("预案名称", "title"),
    Column("公布日期", "published_on"),
    Column("备案日期", "filed_on"),
    Column("备案编号", "filing_number"),
    Column("最近评估日期", "evaluated_on"),
]
# The template's Chinese kind names, and the codes, both accepted.
KINDS = {
    "综合应急预案": PlanKind.COMPREHENSIVE,
    "专项应急预案": PlanKind.SPECIAL,
    "现场处置方案": PlanKind.ONSITE,
    **{k: k for k in PlanKind.values},
}
DATES = {"published_on": "公布日期", "filed_on": "备案日期", "evaluated_on": "最近评估日期"}


class PlanImporter(excel.Importer):
    kind = "emergency-plans"
    columns = COLUMNS

    def start(self) -> None:
        self.enterprises: dict[str, Enterprise] = {}

    def _enterprise(self, value) -> Enterprise | None:
        code = excel.text(value)
        if not code:
            return None
        if code not in self.enterprises:
            found = (
                scope_queryset(Enterprise.objects.all(), self.actor)
                .filter(credit_code=code)
                .first()
            )
            if found is None:
                raise ValidationError(_("No unit with this credit code was found in your scope."))
            self.enterprises[code] = found
        return self.enterprises[code]

    def build(self, values: dict, row: int) -> EmergencyPlan:
        errors: dict[str, list] = {}
        data = {
            "title": excel.text(values.get("title")),
            "filing_number": excel.text(values.get("filing_number")),
        }
        unit = excel.text(values.get("unit"))
        if unit:
            data["unit"] = unit
        try:
            enterprise = self._enterprise(values.get("enterprise"))
            if enterprise is not None:
                data["enterprise"] = enterprise
        except ValidationError as exc:
            errors["enterprise"] = exc.messages
        kind = KINDS.get(excel.text(values.get("kind")))
        if kind is None:
            errors["kind"] = [_("Write 综合应急预案, 专项应急预案 or 现场处置方案.")]
        data["kind"] = kind
        for name, label in DATES.items():
            try:
                data[name] = excel.date_or_none(values.get(name), label=label)
            except ValidationError as exc:
                errors[name] = exc.messages
        if errors:
            raise ValidationError(errors)
        return services.plan_build(actor=self.actor, data=data)

    def save_batch(self, instances: list[EmergencyPlan]) -> None:
        services.plan_bulk_create(actor=self.actor, plans=instances, via="import")


IMPORTERS = [PlanImporter]


def template(stream) -> int:
    """The empty template: the header row only."""
    excel.write_workbook(stream, [c.header for c in COLUMNS], [], title="应急预案")
    return 0
