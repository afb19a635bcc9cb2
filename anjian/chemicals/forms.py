"""Forms of the chemicals pages: a stock, the list's filters and the weather-reach question."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Town
from anjian.accounts.units import Unit
from anjian.core.forms import BootstrapMixin

from . import rules
from .models import ChemicalStock

# The badges of the computed tags (domain-rules §14), in the order of `rules.TAGS`.
TAG_LABELS = {
    "key_supervised": _("key-supervised"),
    "water_reactive": _("water-reactive"),
    "self_heating": _("self-heating"),
    "heat_sensitive": _("heat-sensitive"),
    "toxic_release": _("toxic release"),
}
TAG_STYLES = {
    "key_supervised": "text-bg-danger",
    "water_reactive": "text-bg-primary",
    "self_heating": "text-bg-warning",
    "heat_sensitive": "text-bg-warning",
    "toxic_release": "text-bg-dark",
}
WEATHER_KINDS = [
    ("rainstorm", _("Rainstorm (暴雨)")),
    ("typhoon", _("Typhoon (台风)")),
    ("heat", _("Heat (高温)")),
    ("thunder", _("Thunder (雷电)")),
]
LEVELS = [
    ("blue", _("blue")),
    ("yellow", _("yellow")),
    ("orange", _("orange")),
    ("red", _("red")),
]
assert set(TAG_LABELS) == set(rules.TAGS)
assert {k for k, _label in WEATHER_KINDS} == set(rules.WEATHER_TAGS)


def badges(tags) -> list[tuple[str, str]]:
    """(label, css class) of each tag of a stock, for the templates."""
    return [(TAG_LABELS[t], TAG_STYLES[t]) for t in rules.TAGS if t in (tags or ())]


class StockForm(BootstrapMixin, forms.ModelForm):
    """A chemical a unit keeps; its tags are computed by the service."""

    max_stock_t = forms.DecimalField(
        label=_("largest stock (t)"),
        min_value=0,
        max_value=10_000_000,
        max_digits=12,
        decimal_places=3,
    )

    class Meta:
        model = ChemicalStock
        fields = ["name", "cas", "max_stock_t"]
        help_texts = {"cas": _("e.g. 7782-50-5; the tags come from the CAS number or the name.")}


class StockFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("chemical"), required=False, max_length=100)
    tag = forms.ChoiceField(
        label=_("tag"),
        required=False,
        choices=[("", _("Every tag")), *TAG_LABELS.items()],
    )
    town = forms.ModelChoiceField(
        Town.objects.none(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    enterprise = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput()
    )

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
        out = {k: data[k] for k in ("q", "tag", "enterprise") if data.get(k)}
        if data.get("town"):
            out["town"] = data["town"].code
        return out


class ReachForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind of warning"), choices=WEATHER_KINDS)
    level = forms.ChoiceField(label=_("level"), choices=LEVELS)
