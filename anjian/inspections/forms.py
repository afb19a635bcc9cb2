from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.core import clock
from anjian.hazards.models import HazardCriterion
from anjian.inspections.models import (
    Campaign,
    Checklist,
    ChecklistItem,
    InspectionKind,
    Outcome,
)
from anjian.registry.forms import BootstrapMixin

DATE = forms.DateInput(attrs={"type": "date"})


class ChecklistForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Checklist
        fields = [
            "code",
            "name",
            "sector",
            "standard",
            "version",
            "effective_on",
            "superseded_on",
            "description",
            "active",
        ]
        widgets = {
            "effective_on": DATE,
            "superseded_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class ChecklistItemForm(BootstrapMixin, forms.ModelForm):
    criterion = forms.ModelChoiceField(
        HazardCriterion.objects.all(),
        required=False,
        to_field_name="code",
        label=_("major-hazard criterion code"),
        widget=forms.TextInput(),
    )

    class Meta:
        model = ChecklistItem
        fields = ["clause", "text", "is_major_criterion", "criterion", "verified", "active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.criterion_id:
            self.initial["criterion"] = self.instance.criterion.code

    def clean(self):
        data = super().clean()
        if data.get("criterion"):
            # An item that names a national criterion is a major-hazard criterion.
            data["is_major_criterion"] = True
            self.instance.is_major_criterion = True
        return data


class InspectionFilterForm(BootstrapMixin, forms.Form):
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
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All kinds")), *InspectionKind.choices]
    )
    # The API's other filters, accepted in the address (no control of their own on the page).
    enterprise = forms.IntegerField(required=False, widget=forms.HiddenInput)
    campaign = forms.IntegerField(required=False, widget=forms.HiddenInput)
    checklist = forms.IntegerField(required=False, widget=forms.HiddenInput)
    inspected_after = forms.DateField(required=False, widget=forms.HiddenInput)
    inspected_before = forms.DateField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kind": data["kind"],
            "town": data["town"].code if data["town"] else "",
            "sector": data["sector"].code if data["sector"] else "",
            **{
                name: data[name]
                for name in (
                    "enterprise",
                    "campaign",
                    "checklist",
                    "inspected_after",
                    "inspected_before",
                )
                if data[name]
            },
        }


class InspectionForm(forms.Form):
    """The header of an inspection plus one outcome and note per active item of the checklist.

    (Not BootstrapMixin: that reads `errors` in __init__, before the item fields exist.)
    """

    inspected_on = forms.DateField(
        label=_("inspected on"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
    )
    inspectors = forms.CharField(
        label=_("inspectors"),
        max_length=200,
        required=False,
        help_text=_("Names of the inspectors (default: you)."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    summary = forms.CharField(
        label=_("summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    hazard_deadline = forms.DateField(
        label=_("rectification deadline for the problems found"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.fields["inspected_on"].initial = clock.today()
        for item in self.items:
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=Outcome.choices,
                widget=forms.RadioSelect,
                initial=Outcome.OK,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("note"),
                required=False,
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "placeholder": _("What was found"),
                    }
                ),
            )

    def rows(self):
        """(item, outcome field, note field) for the template."""
        return [(item, self[f"outcome_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]

    def results(self) -> list[dict]:
        return [
            {
                "item": item,
                "outcome": self.cleaned_data[f"outcome_{item.pk}"],
                "note": self.cleaned_data[f"note_{item.pk}"],
            }
            for item in self.items
        ]


class CampaignForm(BootstrapMixin, forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(
        Sector.objects.all(), label=_("sectors"), widget=forms.CheckboxSelectMultiple
    )
    towns = forms.ModelMultipleChoiceField(
        Town.objects.all(), label=_("towns"), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "kind",
            "sectors",
            "towns",
            "starts_on",
            "ends_on",
            "checklist",
            "description",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist"].queryset = Checklist.objects.filter(active=True)
        for name in ("sectors", "towns"):
            self.fields[name].widget.attrs["class"] = "list-unstyled"
            if editing:
                # Targets are stored at creation; they change one by one afterwards.
                del self.fields[name]


class TargetAddForm(forms.Form):
    credit_codes = forms.CharField(
        label=_("Unified social credit codes, one per line"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )

    def codes(self) -> list[str]:
        text = self.cleaned_data["credit_codes"]
        return [c.strip().upper() for c in text.replace(",", "\n").splitlines() if c.strip()]
