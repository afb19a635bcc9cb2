"""Forms of the crowded-places pages (人员密集场所, domain-rules §16). Choices offer only what
the user's unit covers."""

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Town
from anjian.accounts.units import Unit
from anjian.core.forms import BootstrapMixin
from anjian.hazards.models import HazardCriterion
from anjian.registry import selectors as registry

from .models import CrowdedPlace, FireJudgement, PlaceType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _plausible(day: dt.date) -> dt.date:
    if day.year > 2100 or day < dt.date(2000, 1, 1):
        raise forms.ValidationError(_("Give a plausible date."))
    return day


class PlaceForm(BootstrapMixin, forms.ModelForm):
    """A place of the register; `crowded` and `public gathering` follow its type (service)."""

    key_category = forms.IntegerField(
        label=_("key-unit category (61号令 Art. 13)"),
        min_value=1,
        max_value=11,
        required=False,
        help_text=_("Empty: the usual category of the place type."),
    )

    class Meta:
        model = CrowdedPlace
        fields = [
            "name",
            "enterprise",
            "town",
            "address",
            "place_type",
            "labour_intensive",
            "key_unit",
            "key_category",
            "fire_safety_manager",
        ]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()
        self.fields["town"].required = False
        self.fields["town"].help_text = _("Empty when the enterprise is given: its town.")
        self.fields["enterprise"].queryset = registry.enterprise_list(actor=self.user)

    def clean(self):
        data = super().clean()
        if data.get("enterprise") and not data.get("town"):
            data["town"] = data["enterprise"].town
        if not data.get("enterprise") and not data.get("town"):
            self.add_error("town", _("Give the town or the enterprise."))
        return data

    def _get_validation_exclusions(self):
        # The town may come from the enterprise (clean above, the service's derivation).
        return {*super()._get_validation_exclusions(), "town"}


class PlaceFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("name"), required=False, max_length=100)
    town = forms.ModelChoiceField(
        Town.objects.none(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    place_type = forms.ChoiceField(
        label=_("type of place"),
        required=False,
        choices=[("", _("Every type")), *PlaceType.choices],
    )
    crowded = forms.ChoiceField(
        label=_("crowded place (人员密集场所)"),
        required=False,
        choices=[("", _("Crowded or not")), ("1", _("crowded places")), ("0", _("others"))],
    )
    key_unit = forms.ChoiceField(
        label=_("fire-safety key unit (消防安全重点单位)"),
        required=False,
        choices=[("", _("Key unit or not")), ("1", _("key units")), ("0", _("not key units"))],
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
        out = {k: data[k] for k in ("q", "place_type") if data.get(k)}
        if data.get("town"):
            out["town"] = data["town"].code
        for name in ("crowded", "key_unit"):
            if data.get(name) in ("1", "0"):
                out[name] = data[name] == "1"
        return out


class JudgementForm(BootstrapMixin, forms.ModelForm):
    """A 重大火灾隐患 judgement; the standard follows its day, a major one needs a deadline."""

    deadline = forms.DateField(
        label=_("rectification deadline"),
        required=False,
        widget=DATE,
        help_text=_(
            "Needed for a major fire hazard: it becomes a hazard under county supervision."
        ),
    )

    class Meta:
        model = FireJudgement
        fields = ["judged_on", "major", "criterion", "finding"]
        widgets = {"judged_on": DATE}

    def customise(self):
        self.fields["criterion"].queryset = HazardCriterion.objects.filter(
            Q(sector__code="fire") | Q(standard__contains="35181")
        )

    def clean_judged_on(self):
        return _plausible(self.cleaned_data["judged_on"])

    def clean_deadline(self):
        day = self.cleaned_data.get("deadline")
        return _plausible(day) if day else day
