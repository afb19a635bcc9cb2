"""`anjian import pond-readings FILE.xlsx` and the import page: all rows or none, errors by row
and column; a reading in the future, out of range or in the wrong unit is refused."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.core import excel
from anjian.core.excel import Column
from anjian.core.scoping import scope_queryset

from . import services
from .models import Item, MonitoringPoint, PondReading, TailingsPond

COLUMNS = [
    Column("尾矿库编号", "pond"),
    Column("监测点编号", "point"),
    Column("监测项目", "item"),
    Column("监测值", "value"),
    Column("单位", "unit"),
    Column("监测时间", "at"),
]
# Item codes and their Chinese names, both accepted.
ITEMS = {
    "浸润线埋深": "phreatic_depth",
    "干滩长度": "beach_length",
    "安全超高": "freeboard",
    "库水位": "water_level",
    "位移": "displacement",
    "降雨量": "rainfall",
    **{code: code for code in Item.values},
}


class ReadingImporter(excel.Importer):
    kind = "pond-readings"
    columns = COLUMNS

    def start(self) -> None:
        self.points: dict[tuple[int, str], MonitoringPoint] = {}
        self.seen: set[tuple[int, object]] = set()
        self.ponds = scope_queryset(TailingsPond.objects.all(), self.actor).values("pk")

    def _point(self, pond_value, code_value) -> MonitoringPoint:
        pond_id = excel.int_or_none(pond_value, label="尾矿库编号")
        code = excel.text(code_value)
        if pond_id is None or not code:
            raise ValidationError({"point": [_("Give the pond number and the point code.")]})
        key = (pond_id, code)
        if key not in self.points:
            found = (
                MonitoringPoint.objects.filter(pond__in=self.ponds, pond_id=pond_id, code=code)
                .select_related("pond")
                .first()
            )
            if found is None:
                raise ValidationError(
                    {"point": [_("No such monitoring point in a pond of your jurisdiction.")]}
                )
            self.points[key] = found
        return self.points[key]

    def build(self, values: dict, row: int) -> PondReading:
        try:
            point = self._point(values.get("pond"), values.get("point"))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise
            raise ValidationError({"pond": exc.messages}) from exc
        errors = {}
        item = ITEMS.get(excel.text(values.get("item")))
        if item is None:
            errors["item"] = [_("Unknown item.")]
        try:
            at = excel.aware_datetime(values.get("at"), label="监测时间")
        except ValidationError as exc:
            errors["at"] = exc.messages
            at = None
        if errors:
            raise ValidationError(errors)
        reading = services.reading_build(
            point=point,
            item=item,
            value=values.get("value"),
            at=at,
            unit=excel.text(values.get("unit")),
        )
        key = (point.pk, reading.at)
        if key in self.seen or PondReading.objects.filter(point=point, at=reading.at).exists():
            raise ValidationError({"at": [_("This point already has a reading at this time.")]})
        self.seen.add(key)
        return reading

    def save_batch(self, instances: list[PondReading]) -> None:
        services.readings_bulk_create(actor=self.actor, readings=instances, via="import")


IMPORTERS = [ReadingImporter]


def template(stream) -> int:
    """The empty template: the header row only."""
    excel.write_workbook(stream, [c.header for c in COLUMNS], [], title="尾矿库监测数据")
    return 0
