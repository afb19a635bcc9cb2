"""Forms of the tailings pond pages. Choices offer only what the user's unit covers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Town
from anjian.accounts.units import Unit
from anjian.core.forms import BootstrapMixin
from anjian.registry import selectors as registry_selectors

from . import rules
from .models import (
    Blasting,
    FloodCheck,
    MinedOutArea,
    MinePlan,
    Quarry,
    SafetyDegree,
    TailingsPond,
    Treatment,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

ALARM_FILTER_CHOICES = [
    ("", _("Any alarm")),
    ("none", _("No alarm")),
    ("blue", _("Blue")),
    ("yellow", _("Yellow")),
    ("orange", _("Orange")),
    ("red", _("Red")),
]


class PondForm(BootstrapMixin, forms.ModelForm):
    """The register fields of a pond; its class and 头顶库 flag are computed, never typed."""

    class Meta:
        model = TailingsPond
        fields = [
            "enterprise",
            "name",
            "total_capacity",
            "dam_height",
            "design_capacity",
            "design_height",
            "wet",
            "construction",
            "safety_degree",
            "safety_degree_source",
            "assessed_on",
            "downstream_within_1km",
            "class_raised",
        ]
        widgets = {"assessed_on": DATE}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        if self.instance.pk:
            del self.fields["enterprise"]  # a pond does not move to another unit
        else:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(actor=self.user)


class PondFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    pond_class = forms.TypedChoiceField(
        label=_("class (等别)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any class")), *[(n, n) for n in range(1, 6)]],
    )
    overhead = forms.TypedChoiceField(
        label=_("head-top pond (头顶库)"),
        required=False,
        coerce=lambda v: v == "yes",
        empty_value=None,
        choices=[
            ("", _("Head-top or not")),
            ("yes", _("Head-top only")),
            ("no", _("Not head-top")),
        ],
    )
    safety_degree = forms.ChoiceField(
        label=_("safety degree"),
        required=False,
        choices=[("", _("Any safety degree")), *SafetyDegree.choices],
    )
    alarm = forms.ChoiceField(label=_("alarm"), required=False, choices=ALARM_FILTER_CHOICES)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        out = {k: data[k] for k in ("q", "safety_degree", "alarm") if data.get(k)}
        if data.get("town"):
            out["town"] = data["town"].code
        if data.get("pond_class"):
            out["pond_class"] = data["pond_class"]
        if data.get("overhead") is not None:
            out["overhead"] = data["overhead"]
        if out.get("alarm") and out["alarm"] not in (*rules.LEVELS, "none"):
            del out["alarm"]
        return out


class FloodCheckForm(BootstrapMixin, forms.ModelForm):
    """The year's 汛前检查: the designer's flood routing with its report, and the checklist."""

    upload = forms.FileField(
        label=_("flood routing report (PDF, DOCX, XLSX, JPG or PNG, at most 10 MB)"),
        required=False,
    )

    class Meta:
        model = FloodCheck
        fields = [
            "routed_on",
            "routed_by",
            "control_water_level",
            "beach_length",
            "freeboard",
            "drainage_clear",
            "freeboard_beach_ok",
            "materials_ready",
            "monitoring_working",
            "note",
        ]
        widgets = {"routed_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class VoidForm(BootstrapMixin, forms.ModelForm):
    """A mined-out area of a mine in the user's jurisdiction."""

    class Meta:
        model = MinedOutArea
        fields = [
            "enterprise",
            "location",
            "lng",
            "lat",
            "volume",
            "treatment",
            "affected_area",
            "monitoring",
            "responsible",
            "deadline",
        ]
        widgets = {"deadline": DATE}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        if self.instance.pk:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(actor=self.user)


class VoidFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    treatment = forms.ChoiceField(
        label=_("treatment"),
        required=False,
        choices=[("", _("Any treatment")), *Treatment.choices],
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        out = {k: data[k] for k in ("q", "treatment") if data.get(k)}
        if data.get("town"):
            out["town"] = data["town"].code
        return out


class QuarryForm(BootstrapMixin, forms.ModelForm):
    """A small quarry of a unit in the user's jurisdiction."""

    class Meta:
        model = Quarry
        fields = [
            "enterprise",
            "name",
            "licence_number",
            "expires_on",
            "annual_output",
            "blasting",
            "demonstration",
            "safety_manager",
            "principal_certified",
        ]
        widgets = {"expires_on": DATE}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        if self.instance.pk:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(actor=self.user)


class QuarryFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    blasting = forms.ChoiceField(
        label=_("blasting method"),
        required=False,
        choices=[("", _("Any blasting method")), *Blasting.choices],
    )
    expired = forms.TypedChoiceField(
        label=_("licence"),
        required=False,
        coerce=lambda v: v == "yes",
        empty_value=None,
        choices=[("", _("Any licence")), ("yes", _("Licence expired")), ("no", _("Licence valid"))],
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        unit = Unit.of(self.user)
        self.fields["town"].queryset = unit.towns() if unit else Town.objects.none()
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        out = {k: data[k] for k in ("q", "blasting") if data.get(k)}
        if data.get("town"):
            out["town"] = data["town"].code
        if data.get("expired") is not None:
            out["expired"] = data["expired"]
        return out


class PlanForm(BootstrapMixin, forms.ModelForm):
    """The mine's 一矿一策 with its signed document."""

    upload = forms.FileField(
        label=_("plan document (PDF, DOCX, XLSX, JPG or PNG, at most 10 MB)"), required=False
    )

    class Meta:
        model = MinePlan
        fields = ["enterprise", "risks", "measures", "responsible", "review_on"]
        widgets = {
            "review_on": DATE,
            "risks": forms.Textarea(attrs={"rows": 4}),
            "measures": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self):
        if self.instance.pk:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(actor=self.user)

    def validate_unique(self):
        """The service says "this mine already has its plan" next to the field."""
