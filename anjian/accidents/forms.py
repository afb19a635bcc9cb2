from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.accidents import services
from anjian.accidents.models import FIGURES, Accident, Grade, Level
from anjian.accounts.models import Sector, Town
from anjian.core import clock
from anjian.core.forms import BootstrapMixin
from anjian.core.periods import period_of

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AccidentForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Accident
        fields = ["kind", "title", "occurred_at", "reported_at", "town", "sector", "enterprise",
                  "accident_type", "deaths", "missing", "serious_injuries", "minor_injuries",
                  "direct_loss", "description", "cause", "endangered", "trapped", "evacuated",
                  "key_facilities_threatened"]
        widgets = {"occurred_at": DATETIME, "reported_at": DATETIME,
                   "description": forms.Textarea(attrs={"rows": 3}),
                   "cause": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = self.fields["enterprise"].queryset.order_by("name")
        if user is not None and user.role == "town_officer":
            self.fields["town"].queryset = Town.objects.filter(pk=user.town_id)
        elif user is not None and user.role == "department_officer":
            self.fields["sector"].queryset = Sector.objects.filter(departments=user.department_id)

    def clean(self):
        data = super().clean()
        probe = Accident(**{k: v for k, v in data.items() if k in services.ACCIDENT_FIELDS
                            and k not in ("town", "sector", "enterprise")})
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
    direct_loss = forms.DecimalField(label=_("direct economic loss (yuan)"), max_digits=14,
                                     decimal_places=2)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))

    @classmethod
    def for_accident(cls, accident: Accident, data=None):
        return cls(data, initial={name: getattr(accident, name) for name in FIGURES})


class ForwardForm(BootstrapMixin, forms.Form):
    level = forms.ChoiceField(label=_("forwarding level"), choices=Level.choices)
    forwarded_at = forms.DateTimeField(label=_("forwarded at"), widget=DATETIME)
    note = forms.CharField(label=_("note"), required=False, max_length=200)


class AccidentFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    period = forms.CharField(label=_("period"), required=False,
                             widget=forms.TextInput(attrs={"placeholder": "2024-03"}))
    town = forms.ModelChoiceField(Town.objects.all(), label=_("town"), required=False,
                                  to_field_name="code", empty_label=_("All towns"))
    sector = forms.ModelChoiceField(Sector.objects.all(), label=_("sector"), required=False,
                                    to_field_name="code", empty_label=_("All sectors"))
    grade = forms.ChoiceField(label=_("grade"), required=False,
                              choices=[("", _("All grades")), *Grade.choices])
    late = forms.ChoiceField(label=_("reporting"), required=False, choices=[
        ("", _("Any reporting")), ("1", _("Reported late")), ("0", _("Reported on time"))])


class StatsForm(BootstrapMixin, forms.Form):
    period = forms.CharField(label=_("period"), required=False,
                             widget=forms.TextInput(attrs={"placeholder": "2024-03"}))
    town = forms.ModelChoiceField(Town.objects.all(), label=_("town"), required=False,
                                  to_field_name="code", empty_label=_("All towns"))
    sector = forms.ModelChoiceField(Sector.objects.all(), label=_("sector"), required=False,
                                    to_field_name="code", empty_label=_("All sectors"))

    def values(self) -> dict:
        """period (default: the current month), town and sector codes."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "period": data.get("period") or str(period_of(clock.today())),
            "town": data["town"].code if data.get("town") else "",
            "sector": data["sector"].code if data.get("sector") else "",
        }
