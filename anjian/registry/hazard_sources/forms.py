"""Forms of the major hazard source pages: the substances as one line each."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.core.forms import BootstrapMixin
from anjian.registry import selectors as registry_selectors
from anjian.registry.hazard_sources.models import MajorHazardSource


def _format_lines(substances) -> str:
    return "\n".join(
        ", ".join(str(x[k]) for k in ("name", "quantity_t", "critical_t", "beta"))
        for x in substances or []
    )


class MajorHazardSourceForm(BootstrapMixin, forms.ModelForm):
    substances = forms.CharField(
        label=_("substances"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One substance a line: name, tonnes[, critical quantity Q[, β]]. Q and β "
            "come from GB 18218-2018 when omitted, e.g. “chlorine, 30” or “氨, 12”."
        ),
    )

    class Meta:
        model = MajorHazardSource
        fields = [
            "enterprise",
            "name",
            "unit_kind",
            "people_within_500m",
            "substances",
            "filed_on",
            "filing_number",
            "reviewed_on",
        ]
        widgets = {
            "filed_on": forms.DateInput(attrs={"type": "date"}),
            "reviewed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["enterprise"]
            self.initial["substances"] = _format_lines(self.instance.substances)
        else:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(actor=user)

    def clean_substances(self):
        lines = []
        for raw in self.cleaned_data["substances"].splitlines():
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.replace("，", ",").split(",")]
            keys = ("name", "quantity_t", "critical_t", "beta")
            lines.append({k: v for k, v in zip(keys, parts, strict=False) if v != ""})
        return lines


class MajorHazardSourceFilterForm(BootstrapMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("grade"),
        required=False,
        choices=[
            ("", _("All grades")),
            ("1", _("Grade 1")),
            ("2", _("Grade 2")),
            ("3", _("Grade 3")),
            ("4", _("Grade 4")),
        ],
    )
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(),
        label=_("sector"),
        required=False,
        to_field_name="code",
        empty_label=_("All sectors"),
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "level": data["level"],
            "town": data["town"].code if data["town"] else "",
            "sector": data["sector"].code if data["sector"] else "",
        }
