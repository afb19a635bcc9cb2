"""`anjian import enterprises`: the contract's template, all rows or none."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.accounts.models import Department, Sector, Town
from anjian.core import excel
from anjian.core.excel import Column
from anjian.core.scoping import in_scope
from anjian.registry import services
from anjian.registry.models import Enterprise, EnterpriseStatus

COLUMNS = [
    Column("单位名称", "name"),
    Column("统一社会信用代码", "credit_code"),
    Column("行业领域", "sector"),
    Column("所属镇", "town"),
    Column("行业主管部门", "department"),
    Column("地址", "address"),
    Column("经度", "lng"),
    Column("纬度", "lat"),
    Column("法定代表人", "legal_representative"),
    Column("安全负责人", "safety_manager"),
    Column("联系电话", "phone"),
    Column("从业人数", "employees"),
    Column("经营状态", "status"),
]

# The status cell takes the code or the Chinese label (在产/停产/关闭/转产).
STATUS_WORDS = {
    "在产": EnterpriseStatus.OPERATING,
    "停产": EnterpriseStatus.SUSPENDED,
    "关闭": EnterpriseStatus.CLOSED,
    "转产": EnterpriseStatus.CONVERTED,
    **{value: value for value in EnterpriseStatus.values},
}
STATUS_LABELS = {value: word for word, value in STATUS_WORDS.items() if word != value}


class EnterpriseImporter(excel.Importer):
    kind = "enterprises"
    columns = COLUMNS

    def start(self) -> None:
        self.seen: set[str] = set()
        self.cache: dict = {Town: {}, Sector: {}, Department: {}}

    def build(self, values: dict, row: int) -> Enterprise:
        errors: dict[str, list] = {}
        data = {}

        def attempt(name, fn):
            try:
                data[name] = fn()
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)

        for name in (
            "name",
            "credit_code",
            "address",
            "legal_representative",
            "safety_manager",
            "phone",
        ):
            data[name] = excel.text(values.get(name))
        data["credit_code"] = data["credit_code"].upper()
        attempt(
            "sector",
            lambda: excel.lookup_by_code_or_name(
                Sector, values.get("sector"), label=_("sector"), cache=self.cache[Sector]
            ),
        )
        attempt(
            "town",
            lambda: excel.lookup_by_code_or_name(
                Town, values.get("town"), label=_("town"), cache=self.cache[Town]
            ),
        )
        attempt(
            "department",
            lambda: excel.lookup_by_code_or_name(
                Department,
                values.get("department"),
                label=_("department"),
                cache=self.cache[Department],
            ),
        )
        attempt("lng", lambda: excel.decimal_or_none(values.get("lng"), label=_("longitude")))
        attempt("lat", lambda: excel.decimal_or_none(values.get("lat"), label=_("latitude")))
        attempt(
            "employees",
            lambda: excel.int_or_none(values.get("employees"), label=_("employees")) or 0,
        )
        status = excel.text(values.get("status")) or EnterpriseStatus.OPERATING
        if status not in STATUS_WORDS:
            errors.setdefault("status", []).append(
                _("Unknown status %(value)s: use 在产, 停产, 关闭 or 转产.") % {"value": status}
            )
        else:
            data["status"] = STATUS_WORDS[status]
        code = data["credit_code"]
        if code and code in self.seen:
            errors.setdefault("credit_code", []).append(
                _("The credit code %(code)s appears twice in the file.") % {"code": code}
            )
        self.seen.add(code)
        if errors:
            raise ValidationError(errors)
        enterprise = services.enterprise_build(data=data)
        if not in_scope(self.actor, town_id=enterprise.town_id, sector_id=enterprise.sector_id):
            raise ValidationError({"town": _("This unit lies outside your jurisdiction.")})
        return enterprise

    def save_batch(self, instances: list[Enterprise]) -> None:
        services.enterprise_bulk_create(actor=self.actor, enterprises=instances, via="import")


IMPORTERS = [EnterpriseImporter]


def import_enterprises_upload(*, actor, upload, dry_run: bool) -> excel.ImportResult:
    return excel.run_import_upload(EnterpriseImporter(actor=actor), upload, dry_run=dry_run)
