from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Sector, Town
from anjian.accounts.units import is_enterprise, narrow_to_jurisdiction
from anjian.core.filters import yes_no_query
from anjian.core.forms import BootstrapMixin
from anjian.registry.models import Enterprise, EnterpriseStatus, Licence

ENTERPRISE_USER_FIELDS = ["address", "legal_representative", "safety_manager", "phone", "employees"]


class EnterpriseForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "sector",
            "town",
            "department",
            "address",
            "lng",
            "lat",
            "legal_representative",
            "safety_manager",
            "phone",
            "employees",
            "status",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if is_enterprise(user):
            for name in list(self.fields):
                if name not in ENTERPRISE_USER_FIELDS:
                    del self.fields[name]
        else:
            narrow_to_jurisdiction(self.fields, user)

    def clean_credit_code(self):
        return (self.cleaned_data.get("credit_code") or "").strip().upper()


class LicenceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Licence
        fields = ["kind", "number", "issued_on", "expires_on"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }


class EnterpriseFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
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
    department = forms.ModelChoiceField(
        Department.objects.all(),
        label=_("department"),
        required=False,
        to_field_name="code",
        empty_label=_("All departments"),
    )
    status = forms.ChoiceField(
        label=_("operating status"),
        required=False,
        choices=[("", _("All states")), *EnterpriseStatus.choices],
    )
    licence = forms.ChoiceField(
        label=_("licences"),
        required=False,
        choices=[
            ("", _("Any licence state")),
            ("expired", _("Licence expired")),
            ("30", _("Expiring within 30 days")),
            ("60", _("Expiring within 60 days")),
            ("90", _("Expiring within 90 days")),
        ],
    )
    # The API's other filter, accepted in the address (no control of its own on the page).
    credit_code = forms.CharField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "status": data["status"],
            "licence_state": data["licence"],
            "credit_code": data["credit_code"],
            "town": data["town"].code if data["town"] else "",
            "sector": data["sector"].code if data["sector"] else "",
            "department": data["department"].code if data["department"] else "",
        }


class LicenceFilterForm(forms.Form):
    """The licence page's filters (the state tabs, and the API's other names in the address)."""

    state = forms.ChoiceField(
        required=False, choices=[("", ""), *[(s, s) for s in ("expired", "30", "60", "90")]]
    )
    enterprise = forms.IntegerField(required=False)
    kind = forms.CharField(required=False)
    town = forms.CharField(required=False)
    sector = forms.CharField(required=False)
    expired = forms.NullBooleanField(
        required=False, widget=forms.Select(choices=[("", ""), ("1", "1"), ("0", "0")])
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(yes_no_query(data, "expired"), *args, **kwargs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
