from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.accounts.units import Unit, UnitKind, acts_for_unit
from anjian.core import clock
from anjian.core.filters import yes_no
from anjian.core.forms import BootstrapMixin
from anjian.core.permissions import holders_q
from anjian.core.scoping import scope_queryset
from anjian.registry.models import Enterprise
from anjian.workforce.models import Induction, Inspector, Training, TrainingKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_CODES = 200


def _managed_units(user) -> list[Unit]:
    unit = Unit.of(user)
    if unit is None or unit.kind == UnitKind.ENTERPRISE or not acts_for_unit(user):
        return []
    return [u for u in Unit.all() if unit.manages(u)] if unit.is_county_wide else [unit]


class InspectorForm(BootstrapMixin, forms.ModelForm):
    """An inspector of a unit the user manages (the county: any), with an optional platform
    account and a conflict list given as credit codes."""

    unit = forms.ChoiceField(label=_("unit"))
    user = forms.ModelChoiceField(
        get_user_model().objects.none(), label=_("platform account"), required=False
    )
    conflict_codes = forms.CharField(
        label=_("conflict list (回避): credit codes, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Inspector
        fields = [
            "name",
            "certificate_number",
            "certificate_issued_on",
            "certificate_expires_on",
            "active",
        ]
        widgets = {name: DATE for name in ("certificate_issued_on", "certificate_expires_on")}

    def __init__(self, *args, user=None, **kwargs):
        self.acting = user
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        units = _managed_units(self.acting)
        self.fields["unit"].choices = [(u.key, u.name) for u in units]
        self.fields["unit"].initial = (
            self.instance.unit.key if self.instance.pk else (units[0].key if units else "")
        )
        accounts = get_user_model().objects.filter(is_active=True).order_by("username")
        own = Unit.of(self.acting)
        if own is not None and own.is_county_wide:
            accounts = accounts.filter(holders_q("officer"))
        elif own is not None and units:
            accounts = own.users().order_by("username")
        else:
            accounts = accounts.none()
        self.fields["user"].queryset = accounts
        self.fields["user"].initial = self.instance.user_id
        if self.instance.pk:
            self.fields["conflict_codes"].initial = "\n".join(
                self.instance.conflicts.values_list("credit_code", flat=True)
            )
        order = ["name", "unit", "user"]
        self.fields = {
            **{k: self.fields[k] for k in order},
            **{k: v for k, v in self.fields.items() if k not in order},
        }

    def clean_unit(self):
        return Unit.from_key(self.cleaned_data["unit"])

    def clean_conflict_codes(self):
        codes = [c.strip() for c in self.cleaned_data["conflict_codes"].split() if c.strip()]
        if len(codes) > MAX_CODES:
            raise ValidationError(_("At most %(n)s units on a conflict list.") % {"n": MAX_CODES})
        found = {
            e.credit_code: e
            for e in scope_queryset(Enterprise.objects.all(), self.acting).filter(
                credit_code__in=codes
            )
        }
        missing = [c for c in codes if c not in found]
        if missing:
            raise ValidationError(
                _("No unit in your jurisdiction has the code %(code)s.") % {"code": missing[0][:40]}
            )
        return [found[c] for c in dict.fromkeys(codes)]

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        data["department"] = self.cleaned_data["unit"]
        data["user"] = self.cleaned_data.get("user")
        data["conflicts"] = self.cleaned_data["conflict_codes"]
        return data


class TrainingForm(BootstrapMixin, forms.ModelForm):
    """A training of the user's unit or, for an officer, of an enterprise in its jurisdiction
    (by credit code). An enterprise user records its own."""

    enterprise = forms.ModelChoiceField(
        Enterprise.objects.all(),
        to_field_name="credit_code",
        required=False,
        label=_("enterprise (unified social credit code)"),
        widget=forms.TextInput(),
    )
    inspectors = forms.ModelMultipleChoiceField(
        Inspector.objects.none(),
        required=False,
        label=_("inspectors who attended"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Training
        fields = ["title", "held_on", "hours", "kind", "initial", "attendees"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, user=None, **kwargs):
        self.acting = user
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        unit = Unit.of(self.acting)
        if unit is not None and unit.kind == UnitKind.ENTERPRISE:
            del self.fields["enterprise"], self.fields["inspectors"]
            self.fields["kind"].choices = [
                c for c in self.fields["kind"].choices if c[0] != TrainingKind.INSPECTOR
            ]
            return
        self.fields["inspectors"].queryset = scope_queryset(
            Inspector.objects.filter(active=True), self.acting
        ).order_by("name")


class InductionForm(BootstrapMixin, forms.ModelForm):
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.all(),
        to_field_name="credit_code",
        required=False,
        label=_("enterprise (unified social credit code)"),
        widget=forms.TextInput(),
    )

    class Meta:
        model = Induction
        fields = ["worker", "starts_on", "company_hours", "workshop_hours", "team_hours"]
        widgets = {"starts_on": DATE}

    def __init__(self, *args, user=None, **kwargs):
        self.acting = user
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        unit = Unit.of(self.acting)
        if unit is not None and unit.kind == UnitKind.ENTERPRISE:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].required = True
            self.fields = {"enterprise": self.fields.pop("enterprise"), **self.fields}


class InspectorFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    certificate = forms.ChoiceField(
        label=_("certificate"),
        required=False,
        choices=[
            ("", _("Any certificate")),
            ("expiring", _("Expiring within 60 days")),
            ("expired", _("Expired")),
            ("valid", _("Valid")),
            ("none", _("Not recorded")),
        ],
    )
    active = forms.ChoiceField(
        label=_("in post"),
        required=False,
        choices=[("", _("In post or not")), ("1", _("In post")), ("0", _("Left"))],
    )
    department = forms.CharField(required=False, widget=forms.HiddenInput())

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "certificate": data["certificate"],
            "active": yes_no(data["active"]),
            "department": data["department"],
        }


def _year_field():
    return forms.IntegerField(label=_("year"), required=False, min_value=1949, max_value=2100)


class TrainingFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All kinds")), *TrainingKind.choices]
    )
    year = _year_field()
    enterprise = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput())
    inspector = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput())

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class YearForm(BootstrapMixin, forms.Form):
    year = _year_field()
    q = forms.CharField(label=_("Search"), required=False)

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return clock.today().year

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""
