from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Unit, UnitKind
from anjian.core.filters import yes_no
from anjian.core.forms import BootstrapMixin
from anjian.emergency.models import Drill, EmergencyPlan, PlanKind, RevisionTrigger
from anjian.hazards.models import HazardGrade
from anjian.registry.models import Enterprise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(BootstrapMixin, forms.ModelForm):
    """A plan of the user's own unit (the county: any unit) or, for an officer, of an enterprise
    in its jurisdiction. An enterprise user records its own plans only."""

    unit = forms.ChoiceField(label=_("unit"), required=False)
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.all(),
        to_field_name="credit_code",
        required=False,
        label=_("or an enterprise (unified social credit code)"),
        widget=forms.TextInput(),
    )

    class Meta:
        model = EmergencyPlan
        fields = ["kind", "title", "published_on", "filed_on", "filing_number", "evaluated_on"]
        widgets = {name: DATE for name in ("published_on", "filed_on", "evaluated_on")}

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        unit = Unit.of(self.user)
        if self.instance.pk or unit is None or unit.kind == UnitKind.ENTERPRISE:
            del self.fields["unit"], self.fields["enterprise"]
            return
        units = unit.managed_units()
        self.fields["unit"].choices = [("", "—")] + [(u.key, u.name) for u in units]
        self.fields["unit"].initial = unit.key
        self.fields = {
            "unit": self.fields.pop("unit"),
            "enterprise": self.fields.pop("enterprise"),
            **self.fields,
        }

    def clean_unit(self):
        key = self.cleaned_data.get("unit")
        return Unit.from_key(key) if key else None

    def clean(self):
        data = super().clean()
        if data.get("enterprise"):  # an enterprise named wins over the preselected unit
            data["unit"] = None
        return data


class PlanFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All kinds")), *PlanKind.choices]
    )
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=_("town"),
        required=False,
        to_field_name="code",
        empty_label=_("All towns"),
    )
    unit = forms.CharField(required=False, widget=forms.HiddenInput())
    enterprise = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput())
    overdue = forms.ChoiceField(
        label=_("overdue"),
        required=False,
        choices=[("", _("Overdue or not")), ("1", _("Overdue")), ("0", _("Not overdue"))],
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            value = yes_no(data.get("overdue"))
            data["overdue"] = "" if value is None else str(int(value))
        super().__init__(data, *args, **kwargs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kind": data["kind"],
            "unit": data["unit"],
            "town": data["town"].code if data["town"] else "",
            "enterprise": data["enterprise"],
            "overdue": yes_no(data["overdue"]),
        }


class RevisionForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label=_("date"), widget=DATE)
    trigger = forms.ChoiceField(label=_("trigger"), choices=RevisionTrigger.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=300)


class DrillForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Drill
        fields = ["held_on", "form", "participants", "evaluation", "problems"]
        widgets = {
            "held_on": DATE,
            "evaluation": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 3}),
        }


class DrillHazardForm(BootstrapMixin, forms.Form):
    """The hazard a drill's problems become; a government plan also names where it lies."""

    deadline = forms.DateField(label=_("rectification deadline"), widget=DATE)
    grade = forms.ChoiceField(
        label=_("grade"), choices=HazardGrade.choices, initial=HazardGrade.GENERAL
    )
    town = forms.ModelChoiceField(Town.objects.all(), label=_("town"), required=False)
    sector = forms.ModelChoiceField(Sector.objects.all(), label=_("sector"), required=False)
    location = forms.CharField(label=_("location"), required=False, max_length=200)

    def __init__(self, *args, plan=None, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        if self.plan is not None and self.plan.enterprise_id:
            for name in ("town", "sector", "location"):
                del self.fields[name]
        elif self.plan is not None and self.plan.town_id:
            self.fields["town"].initial = self.plan.town_id


class AttachmentForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("document"), help_text=_("JPG, PNG, PDF, DOCX or XLSX, at most 10 MB.")
    )
