"""Forms of the annual assessment pages: year, hand scores, corrections, the scheme's items
(one row per item plus two empty rows for new ones) and the control targets (one row per unit)."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from anjian.assessment import scoring, scoring_services
from anjian.assessment.models import AssessmentTarget
from anjian.core.forms import BootstrapMixin

EXTRA_ROWS = 2


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class CorrectionForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("reason for the correction"), max_length=2000, widget=forms.Textarea({"rows": 2})
    )


class HandScoreForm(BootstrapMixin, forms.Form):
    points = forms.DecimalField(label=_("points"), min_value=0, max_value=100, decimal_places=1)
    evidence = forms.CharField(label=_("evidence"), max_length=2000)


class SchemeForm(BootstrapMixin, forms.Form):
    """The items as rows: code, name, points, indicator (empty: scored by hand), parameters."""

    def __init__(self, *args, initial=None, **kwargs):
        self._items = list((initial or {}).get("items") or [])
        super().__init__(*args, **kwargs)

    def customise(self):
        items = self._items
        self.rows = []
        choices = [("", _("scored by hand")), *[(c, c) for c in scoring.INDICATORS]]
        for index in range(len(items) + EXTRA_ROWS):
            item = items[index] if index < len(items) else {}
            names = {
                f: f"{f}_{index}" for f in ("code", "name", "max_points", "indicator", "params")
            }
            self.fields[names["code"]] = forms.SlugField(
                label=_("code"), required=False, max_length=40, initial=item.get("code", "")
            )
            self.fields[names["name"]] = forms.CharField(
                label=_("name"), required=False, max_length=100, initial=item.get("name", "")
            )
            self.fields[names["max_points"]] = forms.DecimalField(
                label=_("points"),
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=1,
                initial=item.get("max_points"),
            )
            self.fields[names["indicator"]] = forms.ChoiceField(
                label=_("indicator"),
                required=False,
                choices=choices,
                initial=item.get("indicator") or "",
            )
            self.fields[names["params"]] = forms.CharField(
                label=_("parameters"),
                required=False,
                max_length=500,
                initial=json.dumps(item.get("params") or {}, ensure_ascii=False),
            )
            self.rows.append(names)

    def bound_rows(self):
        return [[self[n] for n in names.values()] for names in self.rows]

    def clean(self):
        data = super().clean()
        items = []
        for names in self.rows:
            code, name = data.get(names["code"]), data.get(names["name"])
            if not code and not name:
                continue
            try:
                params = json.loads(data.get(names["params"]) or "{}")
            except ValueError:
                raise ValidationError(
                    _('Item “%(name)s”: parameters are a JSON object such as {"per_item": 1}.')
                    % {"name": name or code}
                ) from None
            points = data.get(names["max_points"])
            items.append(
                {
                    "code": code,
                    "name": name,
                    "max_points": float(points) if points is not None else None,
                    "indicator": data.get(names["indicator"]) or None,
                    "params": params,
                }
            )
        data["items"] = items
        return data


def _slug(unit) -> str:
    return unit.key.replace(":", "_")


class TargetsForm(BootstrapMixin, forms.Form):
    """Each assessed unit's control targets for the year (both empty: none set)."""

    def __init__(self, *args, units, year: int, **kwargs):
        self.units, self.year = units, year
        super().__init__(*args, **kwargs)
        self.rows = [
            (unit, self[f"acc_{_slug(unit)}"], self[f"deaths_{_slug(unit)}"]) for unit in self.units
        ]

    def customise(self):
        units, year = self.units, self.year
        found = {
            t.unit.key: t
            for t in AssessmentTarget.objects.filter(year=year).select_related("town", "department")
        }
        for unit in units:
            target = found.get(unit.key)
            slug = _slug(unit)
            for field, label in (("acc", _("accidents at most")), ("deaths", _("deaths at most"))):
                self.fields[f"{field}_{slug}"] = forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_value=100000,
                    initial=(
                        (target.max_accidents if field == "acc" else target.max_deaths)
                        if target
                        else None
                    ),
                )

    @transaction.atomic
    def save(self, *, actor) -> int:
        saved = 0
        for unit in self.units:
            slug = _slug(unit)
            acc, deaths = self.cleaned_data[f"acc_{slug}"], self.cleaned_data[f"deaths_{slug}"]
            if acc is None and deaths is None:
                continue
            scoring_services.target_set(
                actor=actor,
                year=self.year,
                unit=unit,
                max_accidents=acc or 0,
                max_deaths=deaths or 0,
            )
            saved += 1
        return saved
