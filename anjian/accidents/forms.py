from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.accidents import selectors, services
from anjian.accidents.models import FIGURES, Accident, Grade, Kind, Level
from anjian.accounts.models import Sector, Town
from anjian.accounts.units import narrow_to_jurisdiction
from anjian.core import clock
from anjian.core.filters import yes_no_query
from anjian.core.forms import BootstrapMixin
from anjian.core.gb6441 import parse_accident_type
from anjian.core.periods import period_of

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AccidentForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Accident
        fields = [
            "kind",
            "title",
            "occurred_at",
            "reported_at",
            "town",
            "sector",
            "enterprise",
            "accident_type",
            "deaths",
            "missing",
            "serious_injuries",
            "minor_injuries",
            "direct_loss",
            "description",
            "cause",
            "endangered",
            "trapped",
            "evacuated",
            "key_facilities_threatened",
            "lng",
            "lat",
        ]
        widgets = {
            "occurred_at": DATETIME,
            "reported_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = self.fields["enterprise"].queryset.order_by("name")
        narrow_to_jurisdiction(self.fields, user)

    def clean(self):
        data = super().clean()
        probe = Accident(
            **{
                k: v
                for k, v in data.items()
                if k in services.ACCIDENT_FIELDS and k not in ("town", "sector", "enterprise")
            }
        )
        try:
            services.accident_validate(accident=probe)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                self.add_error(field, errors)
        return data


class RevisionForm(BootstrapMixin, forms.Form):
    """补报 (change the figures) or 续报 (a progress note with the figures unchanged)."""

    deaths = forms.IntegerField(label=_("deaths"))
    missing = forms.IntegerField(label=_("missing"))
    serious_injuries = forms.IntegerField(label=_("serious injuries"))
    minor_injuries = forms.IntegerField(label=_("minor injuries"))
    direct_loss = forms.DecimalField(
        label=_("direct economic loss (yuan)"), max_digits=14, decimal_places=2
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def for_accident(cls, accident: Accident, data=None):
        return cls(data, initial={name: getattr(accident, name) for name in FIGURES})


class ForwardForm(BootstrapMixin, forms.Form):
    level = forms.ChoiceField(label=_("forwarding level"), choices=Level.choices)
    forwarded_at = forms.DateTimeField(label=_("forwarded at"), widget=DATETIME)
    note = forms.CharField(label=_("note"), required=False, max_length=200)


class AccidentFilterForm(BootstrapMixin, forms.Form):
    """The ledger's filters; the same names as the API's (`late` or `report_late`, `period` …)."""

    q = forms.CharField(label=_("Search"), required=False)
    period = forms.CharField(
        label=_("period"), required=False, widget=forms.TextInput(attrs={"placeholder": "2024-03"})
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
    grade = forms.ChoiceField(
        label=_("grade"), required=False, choices=[("", _("All grades")), *Grade.choices]
    )
    late = forms.ChoiceField(
        label=_("reporting"),
        required=False,
        choices=[("", _("Any reporting")), ("1", _("Reported late")), ("0", _("Reported on time"))],
    )
    # The API's other filters, accepted in the address (no control of their own on the page).
    kind = forms.ChoiceField(
        required=False, choices=[("", ""), *Kind.choices], widget=forms.HiddenInput
    )
    accident_type = forms.CharField(required=False, widget=forms.HiddenInput)
    enterprise = forms.IntegerField(required=False, widget=forms.HiddenInput)
    department = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("late"):  # the API's name works here too
            data = data.copy()
            data["late"] = data.get("report_late", "")
        super().__init__(yes_no_query(data, "late"), *args, **kwargs)

    def clean_period(self):
        value = self.cleaned_data["period"]
        return selectors.period_filter(value) if value else None

    def clean_accident_type(self):
        value = self.cleaned_data["accident_type"]
        return parse_accident_type(value) if value else ""

    def filters(self) -> dict:
        """The selector's keyword arguments; a bad period is shown next to its field and the
        other filters still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        filters = {
            "q": data.get("q", ""),
            "grade": data.get("grade", ""),
            "town": data["town"].code if data.get("town") else "",
            "sector": data["sector"].code if data.get("sector") else "",
        }
        if data.get("late"):
            filters["late"] = data["late"] == "1"
        if data.get("period"):
            filters["period"] = data["period"]
        for name in ("kind", "accident_type", "enterprise", "department"):
            if data.get(name):
                filters[name] = data[name]
        return filters


class StatsForm(BootstrapMixin, forms.Form):
    period = forms.CharField(
        label=_("period"), required=False, widget=forms.TextInput(attrs={"placeholder": "2024-03"})
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

    def clean_period(self):
        value = self.cleaned_data["period"]
        return selectors.period_filter(value) if value else period_of(clock.today())

    def values(self) -> dict:
        """period (default: the current month), town and sector codes."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "period": data.get("period") or period_of(clock.today()),
            "town": data["town"].code if data.get("town") else "",
            "sector": data["sector"].code if data.get("sector") else "",
        }


class PeriodForm(forms.Form):
    """A required `period` (the bulletin's); a missing one is an unknown period."""

    period = forms.CharField(required=False)

    def clean_period(self):
        return selectors.period_filter(self.cleaned_data["period"])
