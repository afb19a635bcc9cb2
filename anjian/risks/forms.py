"""Forms of the risk register: they parse input; the services judge it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import is_enterprise, narrow_to_jurisdiction
from anjian.core.filters import yes_no, yes_no_query
from anjian.core.forms import BootstrapMixin
from anjian.core.gb6441 import ACCIDENT_TYPES
from anjian.registry import selectors as registry
from anjian.risks import maps, rules
from anjian.risks.models import ControlLevel, Method, RiskLevel


def _plain(value) -> str:
    return format(value.normalize(), "f")


class RiskPointForm(BootstrapMixin, forms.Form):
    enterprise = forms.ModelChoiceField(
        queryset=None,
        label=_("enterprise"),
        required=False,
        empty_label=_("— a public place —"),
        help_text=_("Leave empty for a public place (a road section, a river bank, a forest)."),
    )
    name = forms.CharField(label=_("risk point"), max_length=200)
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=_("town"),
        required=False,
        help_text=_("For a public place; a unit's point takes the unit's town and sector."),
    )
    sector = forms.ModelChoiceField(Sector.objects.all(), label=_("sector"), required=False)
    location = forms.CharField(label=_("location"), max_length=200, required=False)
    lng = forms.DecimalField(label=_("longitude"), required=False, max_digits=9, decimal_places=6)
    lat = forms.DecimalField(label=_("latitude"), required=False, max_digits=9, decimal_places=6)
    accident_types = forms.MultipleChoiceField(
        label=_("accident types"),
        choices=ACCIDENT_TYPES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "accident-types"}),
    )
    method = forms.ChoiceField(label=_("method"), choices=Method.choices, initial=Method.LEC)
    l = forms.DecimalField(  # noqa: E741
        label="L", required=False, help_text=_("LEC: 10, 6, 3, 1, 0.5, 0.2, 0.1 · LS: 1–5")
    )
    e = forms.ChoiceField(
        label=_("E (LEC only)"),
        required=False,
        choices=[("", "—"), *[(_plain(v), _plain(v)) for v in rules.LEC_E]],
    )
    c = forms.ChoiceField(
        label=_("C (LEC only)"),
        required=False,
        choices=[("", "—"), *[(_plain(v), _plain(v)) for v in rules.LEC_C]],
    )
    s = forms.ChoiceField(
        label=_("S (LS only)"),
        required=False,
        choices=[("", "—"), *[(str(v), str(v)) for v in rules.LS_VALUES]],
    )
    measures = forms.CharField(
        label=_("control measures"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    control_level = forms.ChoiceField(
        label=_("control level"),
        required=False,
        choices=[("", _("— by the risk level —")), *ControlLevel.choices],
    )
    responsible_person = forms.CharField(
        label=_("responsible person"), max_length=60, required=False
    )
    responsible_phone = forms.CharField(label=_("responsible phone"), max_length=32, required=False)
    review_on = forms.DateField(
        label=_("next review on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", self.initial_from(instance))
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = (
            registry.enterprise_list(actor=user).select_related(None).only("pk", "name")
        )
        if is_enterprise(user):
            self.fields["enterprise"].required = True
            self.fields["enterprise"].empty_label = None
            for name in ("town", "sector"):
                del self.fields[name]
        else:
            narrow_to_jurisdiction(self.fields, user)

    @staticmethod
    def initial_from(point) -> dict:
        def plain(v):
            return "" if v is None else _plain(v)

        return {
            "enterprise": point.enterprise_id,
            "name": point.name,
            "town": point.town_id,
            "sector": point.sector_id,
            "location": point.location,
            "lng": point.lng,
            "lat": point.lat,
            "accident_types": point.accident_types,
            "method": point.method,
            "l": plain(point.l),
            "e": plain(point.e),
            "c": plain(point.c),
            "s": "" if point.s is None else str(point.s),
            "measures": point.measures,
            "control_level": point.control_level,
            "responsible_person": point.responsible_person,
            "responsible_phone": point.responsible_phone,
            "review_on": point.review_on,
        }

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("e", "c", "s"):
            data[name] = data[name] or None
        return data


class RiskPointFilterForm(BootstrapMixin, forms.Form):
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
    level = forms.ChoiceField(
        label=_("risk level"), required=False, choices=[("", _("All levels")), *RiskLevel.choices]
    )
    method = forms.ChoiceField(
        label=_("method"), required=False, choices=[("", _("All methods")), *Method.choices]
    )
    enterprise = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The API's other filter, accepted in the address: public places (no enterprise) or not.
    public = forms.ChoiceField(
        required=False, choices=[("", ""), ("1", "1"), ("0", "0")], widget=forms.HiddenInput
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(yes_no_query(data, "public"), *args, **kwargs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "level": data["level"],
            "method": data["method"],
            "enterprise": data["enterprise"],
            "public": yes_no(data["public"]),
            "town": data["town"].code if data["town"] else "",
            "sector": data["sector"].code if data["sector"] else "",
        }


class MapFilterForm(BootstrapMixin, forms.Form):
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

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "town": data["town"].code if data["town"] else "",
            "sector": data["sector"].code if data["sector"] else "",
        }


class RiskBandsForm(BootstrapMixin, forms.Form):
    sector = forms.ModelChoiceField(
        Sector.objects.all(),
        label=_("sector"),
        required=False,
        empty_label=_("— county default (all sectors) —"),
    )
    method = forms.ChoiceField(label=_("method"), choices=Method.choices)
    major = forms.DecimalField(
        label=_("major threshold"),
        max_digits=7,
        decimal_places=2,
        help_text=_("LEC: D above it; LS: R at least it."),
    )
    large = forms.DecimalField(label=_("large threshold"), max_digits=7, decimal_places=2)
    general = forms.DecimalField(label=_("general threshold"), max_digits=7, decimal_places=2)
    effective_on = forms.DateField(
        label=_("effective on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class OutlineUploadForm(forms.Form):
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_(
            "A FeatureCollection of Polygon or MultiPolygon features "
            "whose properties name the town by code or name."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".geojson", ".json")):
            raise forms.ValidationError(_("Upload a .geojson or .json file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return maps.parse_outlines(upload.read())
