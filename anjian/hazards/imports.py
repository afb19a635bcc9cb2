"""`anjian import hazards`: the hazard template (Chinese headers), all rows or none."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from anjian.accounts.models import Sector, Town
from anjian.core import audit, excel
from anjian.core.excel import Column
from anjian.core.scoping import scope_queryset
from anjian.registry.models import Enterprise

from . import services
from .models import Hazard, HazardGrade, HazardSource

COLUMNS = [
    Column("单位名称", "enterprise_name"),
    Column("统一社会信用代码", "credit_code"),
    Column("所属镇", "town"),
    Column("行业领域", "sector"),
    Column("隐患地点", "location"),
    Column("隐患描述", "description"),
    Column("隐患等级", "grade"),
    Column("发现日期", "found_on"),
    Column("发现人", "found_by"),
    Column("隐患来源", "source"),
    Column("整改期限", "deadline"),
]

GRADE_WORDS = {
    "一般": HazardGrade.GENERAL,
    "一般隐患": HazardGrade.GENERAL,
    "一般事故隐患": HazardGrade.GENERAL,
    "重大": HazardGrade.MAJOR,
    "重大隐患": HazardGrade.MAJOR,
    "重大事故隐患": HazardGrade.MAJOR,
    **{v: v for v in HazardGrade.values},
}
SOURCE_WORDS = {
    "政府检查": HazardSource.INSPECTION,
    "监督检查": HazardSource.INSPECTION,
    "检查": HazardSource.INSPECTION,
    "企业自查": HazardSource.SELF_CHECK,
    "自查": HazardSource.SELF_CHECK,
    "专项整治": HazardSource.CAMPAIGN,
    "专项检查": HazardSource.CAMPAIGN,
    "群众举报": HazardSource.PUBLIC_REPORT,
    "举报": HazardSource.PUBLIC_REPORT,
    **{v: v for v in HazardSource.values},
}
GRADE_LABELS = {HazardGrade.GENERAL: "一般", HazardGrade.MAJOR: "重大"}
SOURCE_LABELS = {
    HazardSource.INSPECTION: "政府检查",
    HazardSource.SELF_CHECK: "企业自查",
    HazardSource.CAMPAIGN: "专项整治",
    HazardSource.PUBLIC_REPORT: "群众举报",
}


def _word(mapping: dict, raw: str, *, default: str, label: str, choices: str) -> str:
    if not raw:
        return default
    if raw not in mapping:
        raise ValidationError(
            _("Unknown %(label)s %(value)s: use %(choices)s.")
            % {"label": label, "value": raw, "choices": choices}
        )
    return mapping[raw]


class HazardImporter(excel.Importer):
    kind = "hazards"
    columns = COLUMNS

    def start(self) -> None:
        self.seen: set[tuple] = set()
        self.cache: dict = {Town: {}, Sector: {}, Enterprise: {}}

    def _enterprise(self, code: str, name: str) -> Enterprise | None:
        if not code:
            return None
        if code not in self.cache[Enterprise]:
            # Only units in the actor's scope: a unit elsewhere is neither named nor confirmed.
            self.cache[Enterprise][code] = (
                scope_queryset(Enterprise.objects.all(), self.actor)
                .filter(credit_code=code)
                .first()
            )
        enterprise = self.cache[Enterprise][code]
        if enterprise is None:
            raise ValidationError(
                _("No unit with the credit code %(code)s was found in your scope.") % {"code": code}
            )
        if name and name != enterprise.name:
            raise ValidationError(
                _("The credit code %(code)s belongs to %(name)s.")
                % {"code": code, "name": enterprise.name}
            )
        return enterprise

    def build(self, values: dict, row: int) -> Hazard:
        errors: dict[str, list] = {}
        data: dict = {}

        def attempt(name, fn):
            try:
                data[name] = fn()
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)

        for name in ("location", "description", "found_by"):
            data[name] = excel.text(values.get(name))
        code = excel.text(values.get("credit_code")).upper()
        attempt(
            "credit_code", lambda: self._enterprise(code, excel.text(values.get("enterprise_name")))
        )
        data["enterprise"] = data.pop("credit_code", None)
        if data["enterprise"] is None and not code:
            attempt(
                "town",
                lambda: excel.lookup_by_code_or_name(
                    Town,
                    values.get("town"),
                    label=pgettext("hazard", "town"),
                    cache=self.cache[Town],
                ),
            )
            attempt(
                "sector",
                lambda: excel.lookup_by_code_or_name(
                    Sector, values.get("sector"), label=_("sector"), cache=self.cache[Sector]
                ),
            )
        attempt(
            "grade",
            lambda: _word(
                GRADE_WORDS,
                excel.text(values.get("grade")),
                default=HazardGrade.GENERAL,
                label=pgettext("hazard", "grade"),
                choices="一般, 重大",
            ),
        )
        attempt(
            "source",
            lambda: _word(
                SOURCE_WORDS,
                excel.text(values.get("source")),
                default=HazardSource.INSPECTION,
                label=pgettext("hazard", "source"),
                choices="政府检查, 企业自查, 专项整治, 群众举报",
            ),
        )
        for name, label in (
            ("found_on", pgettext("hazard", "found on")),
            ("deadline", pgettext("hazard", "deadline")),
        ):
            attempt(name, lambda n=name, lab=label: excel.date_or_none(values.get(n), label=lab))
        key = (code or data.get("location"), data["description"], data.get("found_on"))
        if key in self.seen:
            errors.setdefault("description", []).append(
                _("The same hazard appears twice in the file.")
            )
        self.seen.add(key)
        if errors:
            raise ValidationError(errors)
        try:
            return services.hazard_build(actor=self.actor, data=data)
        except ValidationError as exc:
            raise ValidationError(_remap(exc)) from exc

    def save_batch(self, instances: list[Hazard]) -> None:
        user = self.actor if getattr(self.actor, "pk", None) else None
        for hazard in instances:
            hazard.reported_by = user
        Hazard.objects.bulk_create(instances)
        audit.bulk_record_create(actor=self.actor, instances=instances, via="import")
        for hazard in instances:
            if hazard.is_major:
                services.hazard_supervise(actor=self.actor, hazard=hazard, via="import")


def _remap(exc: ValidationError):
    """Service errors name model fields; the template calls the enterprise by its credit code."""
    if not hasattr(exc, "error_dict"):
        return exc
    return {
        ("credit_code" if name == "enterprise" else name): errors
        for name, errors in exc.error_dict.items()
    }


IMPORTERS = [HazardImporter]


def import_hazards_upload(*, actor, upload, dry_run: bool) -> excel.ImportResult:
    return excel.run_import_upload(HazardImporter(actor=actor), upload, dry_run=dry_run)
