"""Forms of the forest-fire pages. Choices offer only what the user's unit covers."""

import json
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Town
from anjian.core import clock
from anjian.core.forms import BootstrapMixin

from . import selectors
from .models import FieldFirePermit, ForestFire

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def parse_points(raw: str) -> list[list[str]]:
    """Points typed as `lng,lat; lng,lat` or sent by the page's script as JSON pairs."""
    raw = (raw or "").strip()
    if not raw:
        return []
    if raw.startswith("["):
        try:
            points = json.loads(raw)
        except ValueError as exc:
            raise ValidationError(_("Points are [longitude, latitude] pairs.")) from exc
        if not isinstance(points, list):
            raise ValidationError(_("Points are [longitude, latitude] pairs."))
        return points
    points = []
    for part in raw.replace("；", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        pair = [p.strip() for p in part.replace("，", ",").split(",")]
        if len(pair) != 2:
            raise ValidationError(_("Write each point as longitude,latitude; separate points by ;"))
        try:
            [Decimal(p) for p in pair]
        except InvalidOperation as exc:
            raise ValidationError(_("Longitude and latitude are numbers in degrees.")) from exc
        points.append(pair)
    return points


class PatrolForm(BootstrapMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("watch area"), queryset=None)
    ranger = forms.CharField(label=_("ranger"), max_length=60)
    at = forms.DateTimeField(label=_("patrolled at"), widget=DATETIME)
    points = forms.CharField(
        label=_("check-in points"),
        required=False,
        max_length=20000,
        help_text=_(
            "Filled from the phone's location when you press the button; or type "
            "longitude,latitude pairs separated by ; (e.g. 108.31,22.82)."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    findings = forms.CharField(
        label=_("findings"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        self.fields["area"].queryset = selectors.area_list(actor=self.user, open=True)
        if not self.is_bound:
            self.initial.setdefault("at", clock.now().strftime("%Y-%m-%dT%H:%M"))

    def clean_points(self):
        return parse_points(self.cleaned_data.get("points", ""))


class FireForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ForestFire
        fields = [
            "town", "place", "lng", "lat", "started_at", "discovered_at", "reported_at",
            "damaged_area_ha", "burned_area_ha", "deaths", "serious_injuries",
            "minor_injuries", "cause", "extinguished_at",
        ]  # fmt: skip
        widgets = {
            "started_at": DATETIME,
            "discovered_at": DATETIME,
            "reported_at": DATETIME,
            "extinguished_at": DATETIME,
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        from anjian.accounts.units import Unit

        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()


class PermitForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FieldFirePermit
        fields = ["applicant", "purpose", "town", "starts_at", "ends_at", "measures"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        from anjian.accounts.units import Unit

        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()


class DangerForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    town = forms.ModelChoiceField(label=_("town"), queryset=None)
    level = forms.TypedChoiceField(
        label=_("fire-danger level"), coerce=int, choices=[(i, str(i)) for i in range(1, 6)]
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        from anjian.accounts.units import Unit

        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()
        if not self.is_bound:
            self.initial.setdefault("date", clock.today().isoformat())
