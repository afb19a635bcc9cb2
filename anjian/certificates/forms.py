from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Town
from anjian.accounts.units import Unit, UnitKind
from anjian.certificates import rules
from anjian.certificates.models import Certificate, CertificateKind
from anjian.certificates.selectors import STATES
from anjian.core.forms import BootstrapMixin
from anjian.registry.models import Enterprise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

STATE_CHOICES = [
    ("", _("Any state")),
    ("valid", _("Valid")),
    ("expiring", _("Expiring within 60 days")),
    ("expired", _("Expired")),
    ("review_overdue", _("Review overdue")),
    ("invalid", _("Not valid (expired or review overdue)")),
    ("attention", _("Needs attention")),
]


class CertificateForm(BootstrapMixin, forms.ModelForm):
    """A certificate of the user's own enterprise, or, for an officer, of an enterprise in its
    jurisdiction given by its credit code."""

    enterprise = forms.ModelChoiceField(
        Enterprise.objects.all(),
        to_field_name="credit_code",
        label=_("enterprise (unified social credit code)"),
        widget=forms.TextInput(),
    )

    class Meta:
        model = Certificate
        fields = [
            "enterprise",
            "holder",
            "id_number",
            "kind",
            "category",
            "number",
            "issued_on",
            "expires_on",
            "reviewed_on",
        ]
        widgets = {name: DATE for name in ("issued_on", "expires_on", "reviewed_on")} | {
            "category": forms.TextInput(attrs={"list": "special-operations"})
        }

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        self.special_operations = rules.SPECIAL_OPERATIONS
        unit = Unit.of(self.user)
        if self.instance.pk or unit is None or unit.kind == UnitKind.ENTERPRISE:
            del self.fields["enterprise"]


class CertificateFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All kinds")), *CertificateKind.choices]
    )
    state = forms.ChoiceField(label=_("state"), required=False, choices=STATE_CHOICES)
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    category = forms.CharField(required=False, widget=forms.HiddenInput())
    enterprise = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput())

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        out = {k: data[k] for k in ("q", "kind", "category") if data.get(k)}
        if data.get("state") in STATES:
            out["state"] = data["state"]
        if data.get("town"):
            out["town"] = data["town"].code
        if data.get("enterprise"):
            out["enterprise"] = data["enterprise"]
        return out
