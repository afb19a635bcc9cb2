from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Sector, Town
from anjian.accounts.units import Unit
from anjian.assessment.models import (
    AccidentFinding,
    AccountabilityKind,
    FindingKind,
    FiveItem,
    Responsibility,
    SafetyPosition,
)
from anjian.core import clock
from anjian.core.forms import BootstrapMixin
from anjian.core.permissions import holders_q
from anjian.hazards.forms import MultipleFileField
from anjian.registry.models import Enterprise

DATE = forms.DateInput(attrs={"type": "date"})


class ResponsibilityForm(BootstrapMixin, forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(
        Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("sectors in charge (分管)"),
    )
    towns = forms.ModelMultipleChoiceField(
        Town.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("towns linked (包联)"),
    )

    class Meta:
        model = Responsibility
        fields = ["year", "person", "title", "user", "sectors", "towns"]

    def customise(self) -> None:
        self.fields["user"].queryset = get_user_model().objects.filter(
            holders_q("leader"), is_active=True
        )
        if not self.instance.pk:
            self.fields["year"].initial = clock.today().year


class ResponsibilityFilterForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100, label=_("year"))

    def filters(self) -> dict:
        if not self.is_valid() or self.cleaned_data["year"] is None:
            return {}
        return {"year": self.cleaned_data["year"]}


class SectorDutyForm(BootstrapMixin, forms.Form):
    lead = forms.ModelChoiceField(
        Department.objects.all(), required=False, label=_("lead department (牵头)")
    )
    cooperating = forms.ModelMultipleChoiceField(
        Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("co-operating departments (配合)"),
    )


class FindingForm(BootstrapMixin, forms.ModelForm):
    kind = forms.ChoiceField(choices=FindingKind.choices, label=_("kind"))

    class Meta:
        model = AccidentFinding
        fields = ["kind", "note"]
        widgets = {"note": forms.TextInput()}


class AccountabilityForm(BootstrapMixin, forms.Form):
    unit = forms.ChoiceField(label=_("town or department"), required=False)
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.all(), required=False, label=_("or an enterprise")
    )
    kind = forms.ChoiceField(choices=AccountabilityKind.choices, label=_("kind"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("reason"))
    date = forms.DateField(widget=DATE, label=_("date"))
    decided_by = forms.CharField(max_length=100, label=_("decided by"))
    accident = forms.IntegerField(required=False, min_value=1, label=_("accident (id)"))
    hazard = forms.IntegerField(required=False, min_value=1, label=_("hazard (id)"))

    def customise(self) -> None:
        self.fields["unit"].choices = [("", "—")] + [
            (u.key, u.name) for u in Unit.all() if not u.is_county_wide
        ]

    def clean(self):
        data = super().clean()
        if bool(data.get("unit")) == bool(data.get("enterprise")):
            raise forms.ValidationError(_("Choose either a town or department, or an enterprise."))
        data["unit"] = (
            Unit.of_enterprise(data["enterprise"])
            if data.get("enterprise")
            else Unit.from_key(data["unit"])
        )
        return data


class SafetyPositionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SafetyPosition
        fields = ["position", "holder", "duties", "signed", "signed_on"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 3}), "signed_on": DATE}


class FiveInPlaceForm(BootstrapMixin, forms.Form):
    item = forms.ChoiceField(choices=FiveItem.choices, label=_("item"))
    in_place = forms.BooleanField(label=_("in place"), required=False)
    note = forms.CharField(label=_("note"), required=False)
    evidence = MultipleFileField(
        label=_("evidence files"),
        required=False,
        help_text=_("JPG, PNG, PDF, DOCX or XLSX, at most 10 MB each."),
    )
