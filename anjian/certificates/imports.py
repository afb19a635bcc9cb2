"""`anjian import certificates FILE.xlsx` and the import page: all rows or none, errors by row
and column."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.certificates import services
from anjian.certificates.models import Certificate, CertificateKind
from anjian.core import excel
from anjian.core.excel import Column
from anjian.core.scoping import scope_queryset
from anjian.registry.models import Enterprise

COLUMNS = [
    Column("企业统一社会信用代码", "enterprise"),
    Column("持证人", "holder"),
    Column("身份证号", "id_number"),
    Column("证书类型", "kind"),
    Column("作业类别", "category"),
    Column("证书编号", "number"),
    Column("发证日期", "issued_on"),
    Column("有效期至", "expires_on"),
    Column("最近复审日期", "reviewed_on"),
]
KIND_LABELS = {
    CertificateKind.PRINCIPAL: "主要负责人",
    CertificateKind.SAFETY_MANAGER: "安全生产管理人员",
    CertificateKind.SPECIAL_OPERATION: "特种作业",
}
# The template's Chinese kind names, and the codes, both accepted.
KINDS = {**{v: k for k, v in KIND_LABELS.items()}, **{k: k for k in CertificateKind.values}}
DATES = {"issued_on": "发证日期", "expires_on": "有效期至", "reviewed_on": "最近复审日期"}


class CertificateImporter(excel.Importer):
    kind = "certificates"
    columns = COLUMNS

    def start(self) -> None:
        self.enterprises: dict[str, Enterprise] = {}
        self.numbers: set[tuple] = set()

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

    def build(self, values: dict, row: int) -> Certificate:
        errors: dict[str, list] = {}
        data = {
            name: excel.text(values.get(name))
            for name in ("holder", "id_number", "category", "number")
        }
        try:
            data["enterprise"] = self._enterprise(values.get("enterprise"))
        except ValidationError as exc:
            errors["enterprise"] = exc.messages
        kind = KINDS.get(excel.text(values.get("kind")))
        if kind is None:
            errors["kind"] = [_("Write 主要负责人, 安全生产管理人员 or 特种作业.")]
        data["kind"] = kind
        for name, label in DATES.items():
            try:
                data[name] = excel.date_or_none(values.get(name), label=label)
            except ValidationError as exc:
                errors[name] = exc.messages
        if errors:
            raise ValidationError(errors)
        certificate = services.certificate_build(actor=self.actor, data=data)
        key = (certificate.enterprise_id, certificate.kind, certificate.number)
        if key in self.numbers:
            raise ValidationError({"number": _("This number appears twice in the file.")})
        self.numbers.add(key)
        return certificate

    def save_batch(self, instances: list[Certificate]) -> None:
        services.certificate_bulk_create(actor=self.actor, certificates=instances, via="import")


IMPORTERS = [CertificateImporter]


def template(stream) -> int:
    """The empty template: the header row only."""
    excel.write_workbook(stream, [c.header for c in COLUMNS], [], title="安全资格证书")
    return 0
