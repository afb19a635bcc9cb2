"""`anjian import risk-points`: a template with Chinese headers, all rows or none.

A row names its enterprise by credit code (or exact name); a row with neither is a public
place and gives its own town, sector, location and coordinates.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.accounts.models import Sector, Town
from anjian.core import excel
from anjian.core.excel import Column
from anjian.registry import selectors as registry
from anjian.risks import services
from anjian.risks.models import ControlLevel, Method, RiskPoint

COLUMNS = [
    Column("单位名称", "enterprise_name"),
    Column("统一社会信用代码", "credit_code"),
    Column("所属镇", "town"),
    Column("行业领域", "sector"),
    Column("风险点名称", "name"),
    Column("位置", "location"),
    Column("经度", "lng"),
    Column("纬度", "lat"),
    Column("事故类型", "accident_types"),
    Column("评价方法", "method"),
    Column("L", "l"),
    Column("E", "e"),
    Column("C", "c"),
    Column("S", "s"),
    Column("管控措施", "measures"),
    Column("管控层级", "control_level"),
    Column("责任人", "responsible_person"),
    Column("联系电话", "responsible_phone"),
    Column("下次评估日期", "review_on"),
]

# The control level cell takes the code or a Chinese word.
CONTROL_WORDS = {
    "公司级": ControlLevel.ENTERPRISE,
    "企业主要负责人": ControlLevel.ENTERPRISE,
    "部门级": ControlLevel.DEPARTMENT,
    "安全管理部门": ControlLevel.DEPARTMENT,
    "车间级": ControlLevel.WORKSHOP,
    "班组级": ControlLevel.POST,
    "岗位级": ControlLevel.POST,
    "班组岗位级": ControlLevel.POST,
    **{v: v for v in ControlLevel.values},
}
CONTROL_LABELS = {
    ControlLevel.ENTERPRISE: "公司级",
    ControlLevel.DEPARTMENT: "部门级",
    ControlLevel.WORKSHOP: "车间级",
    ControlLevel.POST: "班组岗位级",
}


class RiskPointImporter(excel.Importer):
    kind = "risk-points"
    columns = COLUMNS

    def start(self) -> None:
        self.enterprises = registry.enterprise_list(actor=self.actor)
        self.cache: dict = {Town: {}, Sector: {}, "enterprise": {}, "bands": {}}

    def _enterprise(self, values: dict):
        code = excel.text(values.get("credit_code")).upper()
        name = excel.text(values.get("enterprise_name"))
        if not code and not name:
            return None
        key = code or name
        if key not in self.cache["enterprise"]:
            found = self.enterprises.filter(**({"credit_code": code} if code else {"name": name}))
            self.cache["enterprise"][key] = found.first()
        enterprise = self.cache["enterprise"][key]
        if enterprise is None:
            raise ValidationError(_("No unit %(key)s in your jurisdiction.") % {"key": key})
        return enterprise

    def build(self, values: dict, row: int) -> RiskPoint:
        errors: dict[str, list] = {}
        data = {
            name: excel.text(values.get(name))
            for name in ("name", "location", "measures", "responsible_person", "responsible_phone")
        }

        def attempt(name, fn):
            try:
                data[name] = fn()
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)

        attempt("enterprise", lambda: self._enterprise(values))
        if data.get("enterprise") is None and "enterprise" not in errors:
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
        attempt("lng", lambda: excel.decimal_or_none(values.get("lng"), label=_("longitude")))
        attempt("lat", lambda: excel.decimal_or_none(values.get("lat"), label=_("latitude")))
        attempt(
            "review_on",
            lambda: excel.date_or_none(values.get("review_on"), label=_("next review on")),
        )
        method = excel.text(values.get("method")).upper() or Method.LEC
        if method not in Method.values:
            errors.setdefault("method", []).append(_("Choose LEC or LS."))
        data["method"] = method
        for factor in ("l", "e", "c", "s"):
            data[factor] = excel.text(values.get(factor)) or None
        data["accident_types"] = excel.text(values.get("accident_types"))
        control = excel.text(values.get("control_level"))
        if control and control not in CONTROL_WORDS:
            errors.setdefault("control_level", []).append(
                _("Unknown control level %(value)s: use 公司级, 部门级, 车间级 or 班组岗位级.")
                % {"value": control}
            )
        data["control_level"] = CONTROL_WORDS.get(control, "")
        if errors:
            raise ValidationError(errors)
        point = services.risk_point_assemble(
            point=RiskPoint(), data=data, bands_cache=self.cache["bands"]
        )
        services.check_scope(self.actor, point)
        return point

    def field_header(self, field_name: str) -> str:
        if field_name == "enterprise":
            return "统一社会信用代码"
        return super().field_header(field_name)

    def save_batch(self, instances: list[RiskPoint]) -> None:
        services.risk_point_bulk_create(actor=self.actor, points=instances, via="import")


IMPORTERS = [RiskPointImporter]


def import_risk_points_upload(*, actor, upload, dry_run: bool) -> excel.ImportResult:
    return excel.run_import_upload(RiskPointImporter(actor=actor), upload, dry_run=dry_run)
