"""Forms of the dangerous-road-section pages. Choices offer only what the user's unit covers."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Town
from anjian.accounts.units import Unit
from anjian.core.filters import yes_no
from anjian.core.forms import BootstrapMixin
from anjian.hazards.models import HazardStatus

from .models import RoadSection, SectionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KM = {"min_value": 0, "max_value": 10_000, "max_digits": 8, "decimal_places": 3}


class SectionForm(BootstrapMixin, forms.ModelForm):
    """A new section with the deadline of the hazard that tracks its rectification."""

    from_km = forms.DecimalField(label=_("from (km)"), **KM)
    to_km = forms.DecimalField(label=_("to (km)"), **KM)
    deadline = forms.DateField(
        label=_("rectification deadline"),
        widget=DATE,
        help_text=_("The deadline of the hazard that tracks the section (五定)."),
    )

    class Meta:
        model = RoadSection
        fields = ["town", "road", "from_km", "to_km", "kind", "owner", "police"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()
        for name in ("owner", "police"):
            self.fields[name].queryset = Department.objects.all()

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline.year > 2100 or deadline < dt.date(2000, 1, 1):
            raise forms.ValidationError(_("Give a plausible date."))
        return deadline


class SectionEditForm(BootstrapMixin, forms.ModelForm):
    """Corrections: the town and the owning department are the hazard's and stay."""

    from_km = forms.DecimalField(label=_("from (km)"), **KM)
    to_km = forms.DecimalField(label=_("to (km)"), **KM)

    class Meta:
        model = RoadSection
        fields = ["road", "from_km", "to_km", "kind", "police"]

    def customise(self):
        self.fields["police"].queryset = Department.objects.all()


class SignOffForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(label=_("comment"), max_length=500, required=False)


class SectionFilterForm(BootstrapMixin, forms.Form):
    town = forms.ModelChoiceField(
        Town.objects.none(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    owner = forms.ModelChoiceField(
        Department.objects.all(),
        label=_("owning department"),
        required=False,
        to_field_name="code",
        empty_label=_("Every department"),
    )
    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("Every status")), *HazardStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("Every kind")), *SectionKind.choices]
    )
    open = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput())

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        out = {k: data[k] for k in ("status", "kind") if data.get(k)}
        for key in ("town", "owner"):
            if data.get(key):
                out[key] = data[key].code
        if (is_open := yes_no(data.get("open"))) is not None:
            out["open"] = is_open
        return out
