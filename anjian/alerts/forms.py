from django import forms
from django.utils.translation import pgettext_lazy

from anjian.accounts.models import Department, Division, DivisionLevel, Sector, Town
from anjian.accounts.units import Unit, UnitKind, narrow_to_jurisdiction
from anjian.alerts.models import (
    Alert,
    AlertKind,
    AlertLevel,
    AlertPolicy,
    PublicityActivity,
)
from anjian.core.forms import BootstrapMixin

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)


class RecipientsForm(BootstrapMixin, forms.Form):
    """The recipients of a warning, offered from what the publisher may reach: a county its
    own towns and departments (the whole installation for a v1 county admin); a city or a
    province its counties and its own departments."""

    all_counties = forms.BooleanField(label=pgettext_lazy("alerts", "All counties"), required=False)
    counties = forms.ModelMultipleChoiceField(
        Division.objects.filter(level=DivisionLevel.COUNTY),
        label=pgettext_lazy("alerts", "or these counties"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "recipient-choice"}),
    )
    all_towns = forms.BooleanField(label=pgettext_lazy("alerts", "All towns"), required=False)
    towns = forms.ModelMultipleChoiceField(
        Town.objects.all(),
        label=pgettext_lazy("alerts", "or these towns"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "recipient-choice"}),
    )
    all_departments = forms.BooleanField(
        label=pgettext_lazy("alerts", "All departments"), required=False
    )
    departments = forms.ModelMultipleChoiceField(
        Department.objects.all(),
        label=pgettext_lazy("alerts", "or these departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "recipient-choice"}),
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actor is None:
            return
        publisher = Unit.of(actor)
        if publisher.kind in (UnitKind.CITY, UnitKind.PROVINCE):
            division = publisher.division
            self.fields["counties"].queryset = division.subtree().filter(level=DivisionLevel.COUNTY)
            self.fields["towns"].queryset = Town.objects.none()
            self.fields["departments"].queryset = Department.objects.filter(division=division)
            return
        self.fields["counties"].queryset = Division.objects.none()
        # The publisher's own towns and departments: a county's admin never reaches the
        # neighbouring county's (the whole installation for a v1 county admin).
        managed = publisher.managed_units()
        for kind, name in ((UnitKind.TOWN, "towns"), (UnitKind.DEPARTMENT, "departments")):
            ids = [u.pk for u in managed if u.kind == kind]
            self.fields[name].queryset = self.fields[name].queryset.filter(pk__in=ids)

    def recipients(self) -> dict[str, list]:
        """{"towns", "departments", "counties"}: the chosen units ("all": every one offered)."""
        data = self.cleaned_data
        return {
            name: list(self.fields[name].queryset)
            if data.get(f"all_{name}")
            else list(data.get(name) or [])
            for name in ("towns", "departments", "counties")
        }


class AlertForm(RecipientsForm, forms.ModelForm):
    class Meta:
        model = Alert
        fields = ["title", "level", "kind", "content", "valid_from", "valid_to"]
        widgets = {
            "valid_from": _datetime_widget(),
            "valid_to": _datetime_widget(),
            "content": forms.Textarea(attrs={"rows": 6}),
        }

    def customise(self) -> None:
        for name in ("valid_from", "valid_to"):
            self.fields[name].input_formats = [
                DATETIME_LOCAL,
                "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S",
            ]

    def alert_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AlertFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(
        label=pgettext_lazy("alerts", "Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": pgettext_lazy("alerts", "Search titles")}),
    )
    level = forms.ChoiceField(
        label=pgettext_lazy("alerts", "level"),
        required=False,
        choices=[("", pgettext_lazy("alerts", "All levels")), *AlertLevel.choices],
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("alerts", "kind"),
        required=False,
        choices=[("", pgettext_lazy("alerts", "All kinds")), *AlertKind.choices],
    )
    # The API's other filters (a recipient town or department by code), accepted in the address.
    town = forms.CharField(required=False, widget=forms.HiddenInput)
    department = forms.CharField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict:
        return dict(self.cleaned_data) if self.is_valid() else {}


class AlertPolicyForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AlertPolicy
        fields = ["remind_after_minutes", "escalate_after_minutes"]


class PublicityForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PublicityActivity
        fields = [
            "title",
            "held_on",
            "place",
            "town",
            "sector",
            "participants",
            "material",
            "description",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        unit = Unit.of(self.user)
        if unit is not None and unit.kind == UnitKind.ENTERPRISE:
            del self.fields["town"], self.fields["sector"]
        elif unit is not None and unit.kind == UnitKind.TOWN:
            del self.fields["town"]
        else:
            narrow_to_jurisdiction(self.fields, self.user)


class PublicityFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=pgettext_lazy("alerts", "Search"), required=False)
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=pgettext_lazy("alerts", "town"),
        required=False,
        to_field_name="code",
        empty_label=pgettext_lazy("alerts", "All towns"),
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(),
        label=pgettext_lazy("alerts", "sector"),
        required=False,
        to_field_name="code",
        empty_label=pgettext_lazy("alerts", "All sectors"),
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "town": data["town"].code if data["town"] else "",
            "sector": data["sector"].code if data["sector"] else "",
        }
