"""Forms of the fireworks pages. Choices offer only what the user's unit covers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Town
from anjian.accounts.units import Unit
from anjian.core.forms import BootstrapMixin
from anjian.core.scoping import scope_queryset
from anjian.registry.models import Enterprise

from .models import Conversion, FireworksCase, FiringRule

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FireworksCase
        fields = ["clue_source", "received_at", "town", "place", "kind", "description"]
        widgets = {"received_at": DATETIME}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()


class StepForm(BootstrapMixin, forms.Form):
    """The inputs of every step; each step reads the ones it needs."""

    to = forms.CharField(
        label=_("transfer to (department or town code)"), max_length=40, required=False
    )
    found = forms.TypedChoiceField(
        label=_("found true"),
        required=False,
        choices=[("", "—"), ("1", _("yes")), ("0", _("no"))],
        coerce=lambda v: v == "1",
        empty_value=None,
    )
    note = forms.CharField(label=_("note"), max_length=2000, required=False)
    seized = forms.IntegerField(
        label=_("seized (cases/pieces)"), min_value=0, max_value=1_000_000, required=False
    )
    penalty = forms.DecimalField(
        label=_("penalty (yuan)"),
        min_value=0,
        max_value=100_000_000,
        decimal_places=2,
        required=False,
    )
    referred_to_police = forms.BooleanField(label=_("referred to the police"), required=False)
    result = forms.CharField(label=_("feedback"), max_length=2000, required=False)

    def data_for(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ConversionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Conversion
        fields = ["enterprise", "kind", "on", "licences_cancelled", "stock_disposal", "workshops"]
        widgets = {"on": DATE}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        self.fields["enterprise"].queryset = scope_queryset(
            Enterprise.objects.filter(sector__code="fireworks"), self.user
        )


class FiringRuleForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FiringRule
        fields = ["kind", "area", "starts_on", "ends_on", "hours", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
