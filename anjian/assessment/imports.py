"""`anjian import responsibilities`: leaders' assignments from Excel (all rows or none)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Unit
from anjian.assessment import services
from anjian.core import excel
from anjian.core.excel import Column

COLUMNS = [
    Column("年度", "year"),
    Column("姓名", "person"),
    Column("职务", "title"),
    Column("分管行业领域", "sectors"),
    Column("包联镇", "towns"),
]
# Several sectors or towns in one cell: separated by 、，, ; or spaces.
SEPARATORS = re.compile(r"[、，,;；\s]+")


class ResponsibilityImporter(excel.Importer):
    kind = "responsibilities"
    columns = COLUMNS

    def start(self) -> None:
        self.seen: set[tuple] = set()
        unit = Unit.of(self.actor) or Unit.county()
        # Only the towns and sectors in the actor's jurisdiction can be named.
        self.allowed = {
            Town: set(unit.towns().values_list("pk", flat=True)),
            Sector: set(unit.sectors().values_list("pk", flat=True)),
        }
        self.cache: dict = {Town: {}, Sector: {}}

    def _many(self, model, raw, *, label: str) -> list:
        names = [n for n in SEPARATORS.split(excel.text(raw)) if n]
        found = []
        for name in names:
            obj = excel.lookup_by_code_or_name(model, name, label=label, cache=self.cache[model])
            if obj.pk not in self.allowed[model]:
                raise ValidationError(_("%(name)s is outside your jurisdiction.") % {"name": name})
            found.append(obj)
        return found

    def build(self, values: dict, row: int) -> dict:
        errors: dict[str, list] = {}
        data: dict = {
            "person": excel.text(values.get("person")),
            "title": excel.text(values.get("title")),
        }

        def attempt(name, fn):
            try:
                data[name] = fn()
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)

        attempt("year", lambda: excel.int_or_none(values.get("year"), label=_("year")))
        attempt("sectors", lambda: self._many(Sector, values.get("sectors"), label=_("sector")))
        attempt("towns", lambda: self._many(Town, values.get("towns"), label=_("town")))
        for name in ("person", "title", "year"):
            if not data.get(name) and name not in errors:
                errors[name] = [_("This field is required.")]
        key = (data.get("year"), data["person"], data["title"])
        if key in self.seen:
            errors.setdefault("person", []).append(
                _("The same assignment appears twice in the file.")
            )
        self.seen.add(key)
        if not errors:
            from anjian.assessment.models import Responsibility

            try:
                Responsibility(
                    person=data["person"], title=data["title"], year=data["year"]
                ).full_clean()
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)
        return data

    def save_batch(self, instances: list[dict]) -> None:
        for data in instances:
            services.responsibility_create(actor=self.actor, data=data, via="import")


IMPORTERS = [ResponsibilityImporter]
