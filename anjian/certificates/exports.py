"""Certificate export: the import template's columns plus the state, scoped to the caller;
identity numbers masked except for the holders of `personal_data` (domain rules §9)."""

from anjian.certificates import selectors
from anjian.certificates.imports import COLUMNS, KIND_LABELS
from anjian.core import clock
from anjian.core.excel import write_workbook
from anjian.core.pii import ID_NUMBER, mask


def _state(c, today) -> str:
    if c.expired_on(today):
        return "已过期"
    if not c.valid_on(today):
        return "逾期未复审"
    if c.expiring_on(today):
        return "即将到期"
    return "有效"


def export_certificates(*, actor, stream, **filters) -> int:
    qs = selectors.certificate_list(actor=actor, **filters).order_by("pk")
    count = qs.count()
    today = clock.today()

    def rows():
        for c in qs.iterator(chunk_size=2000):
            yield [
                c.enterprise.credit_code,
                c.holder,
                mask(actor, c.id_number, ID_NUMBER),
                KIND_LABELS.get(c.kind, c.kind),
                c.category,
                c.number,
                c.issued_on,
                c.expires_on,
                c.reviewed_on,
                c.review_on,
                _state(c, today),
                c.enterprise.name,
            ]

    headers = [col.header for col in COLUMNS] + ["下次复审日期", "状态", "企业名称"]
    write_workbook(stream, headers, rows(), title="安全资格证书")
    return count


EXPORTERS = {"certificates": export_certificates}
