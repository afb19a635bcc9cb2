from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import is_enterprise, narrow_to_jurisdiction
from anjian.core.filters import yes_no_query
from anjian.core.forms import BootstrapMixin
from anjian.core.periods import parse_period
from anjian.registry.selectors import enterprise_list

from .models import PLAN_FIELDS, Hazard, HazardGrade, HazardSource, HazardStatus
from .services import ENTERPRISE_EDIT_FIELDS, OFFICER_EDIT_FIELDS, SELF_CHECK_EDIT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 2})
PLACE_FIELDS = ["enterprise", "town", "sector", "location"]
FOUND_FIELDS = ["description", "grade", "criterion", "found_on", "found_by", "source", "deadline"]
FIVE_FIX_FIELDS = ["responsible_person", "measures", "funds", "contingency_plan"]


class HazardForm(BootstrapMixin, forms.ModelForm):
    """Register or edit a hazard; the fields shown depend on the user's role."""

    class Meta:
        model = Hazard
        fields = [*PLACE_FIELDS, *FOUND_FIELDS, *FIVE_FIX_FIELDS, *PLAN_FIELDS]
        widgets = {
            "found_on": DATE,
            "deadline": DATE,
            "description": TEXT,
            "measures": TEXT,
            "contingency_plan": TEXT,
            **{name: TEXT for name in PLAN_FIELDS},
        }
        help_texts = {
            "enterprise": _(
                "Leave empty for a public place, and give its town, sector and location."
            ),
            "criterion": _("A hazard matching an item of a national standard is always major."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        editing = self.instance.pk is not None
        if editing:
            allowed = set(OFFICER_EDIT_FIELDS)
            if is_enterprise(user):
                allowed = set(ENTERPRISE_EDIT_FIELDS)
                if self.instance.source == HazardSource.SELF_CHECK:
                    allowed |= set(SELF_CHECK_EDIT_FIELDS)
            for name in list(self.fields):
                if name not in allowed:
                    del self.fields[name]
        elif is_enterprise(user):
            for name in ("enterprise", "town", "sector", "location", "source"):
                del self.fields[name]
        else:
            self.fields["enterprise"].queryset = enterprise_list(actor=user).select_related(None)
            self.fields["town"].required = self.fields["sector"].required = False
            self.fields["source"].choices = [
                c for c in HazardSource.choices if c[0] != HazardSource.SELF_CHECK
            ]
            self.fields["source"].initial = HazardSource.INSPECTION
            narrow_to_jurisdiction(self.fields, user)
        if "criterion" in self.fields:
            self.fields["criterion"].queryset = self.fields["criterion"].queryset.select_related(
                None
            )
            self.fields["criterion"].label_from_instance = _criterion_label
        if "grade" in self.fields:
            self.fields["grade"].choices = HazardGrade.choices

    def _post_clean(self):
        # The model is validated by the service (which derives town and sector from the
        # enterprise first); its errors come back onto this form's fields.
        pass


def _criterion_label(c) -> str:
    label = f"{c.standard[:24]}… 第{c.item}项：{c.text[:40]}"
    if c.effective_until:
        label += str(_(" (in force until %(day)s)") % {"day": c.effective_until.isoformat()})
    return label


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,.docx,.xlsx"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def photo_field() -> MultipleFileField:
    """Photos taken on the spot: a phone opens its rear camera (`capture="environment"`)."""
    return MultipleFileField(
        label=_("take photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class PhotosMixin:
    """`photos` (the camera) and `evidence` (any file) arrive as one list of uploads."""

    def clean(self):
        cleaned = super().clean()
        cleaned["evidence"] = [*cleaned.get("evidence", []), *cleaned.pop("photos", [])]
        return cleaned


class TransitionForm(PhotosMixin, BootstrapMixin, forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("comment"), required=False, widget=TEXT)
    photos = photo_field()
    evidence = MultipleFileField(
        label=_("photos or documents"),
        required=False,
        help_text=_("JPG, PNG, PDF, DOCX or XLSX, at most 10 MB each."),
    )


class EvidenceForm(PhotosMixin, BootstrapMixin, forms.Form):
    photos = photo_field()
    evidence = MultipleFileField(
        label=_("photos or documents"),
        required=False,
        help_text=_("JPG, PNG, PDF, DOCX or XLSX, at most 10 MB each."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("evidence") and not self.errors:
            raise forms.ValidationError(_("Take a photo or choose a file."))
        return cleaned


class ExtensionForm(BootstrapMixin, forms.Form):
    new_deadline = forms.DateField(label=_("requested deadline"), widget=DATE)
    reason = forms.CharField(label=_("reason"), widget=TEXT)


class DecisionForm(BootstrapMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("decision"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
    )
    comment = forms.CharField(label=_("comment"), required=False, widget=TEXT)


class HazardFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=pgettext_lazy("hazard", "town"),
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
    status = forms.ChoiceField(
        label=pgettext_lazy("hazard", "status"),
        required=False,
        choices=[("", _("All states")), *HazardStatus.choices],
    )
    grade = forms.ChoiceField(
        label=pgettext_lazy("hazard", "grade"),
        required=False,
        choices=[("", _("All grades")), *HazardGrade.choices],
    )
    source = forms.ChoiceField(
        label=pgettext_lazy("hazard", "source"),
        required=False,
        choices=[("", _("All sources")), *HazardSource.choices],
    )
    overdue = forms.ChoiceField(
        label=pgettext_lazy("hazard", "overdue"),
        required=False,
        choices=[
            ("", _("Overdue or not")),
            ("1", pgettext_lazy("hazard", "Overdue")),
            ("0", _("Not overdue")),
        ],
    )
    supervised = forms.ChoiceField(
        label=_("supervision"),
        required=False,
        choices=[
            ("", _("Supervised or not")),
            ("1", _("Under county supervision")),
            ("0", _("Not supervised")),
        ],
    )
    enterprise = forms.IntegerField(required=False, widget=forms.HiddenInput)
    department = forms.SlugField(required=False, widget=forms.HiddenInput)
    found = forms.RegexField(
        regex=r"^\d{4}(-(0[1-9]|1[0-2]|[Qq][1-4]))?$", required=False, widget=forms.HiddenInput
    )

    def __init__(self, data=None, *args, **kwargs):
        # overdue=true (the API's spelling) works here too
        super().__init__(yes_no_query(data, "overdue", "supervised"), *args, **kwargs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        flag = {"1": True, "0": False}
        return {
            "q": data["q"],
            "status": data["status"],
            "grade": data["grade"],
            "source": data["source"],
            "overdue": flag.get(data["overdue"]),
            "supervised": flag.get(data["supervised"]),
            "enterprise": data["enterprise"],
            "town": data["town"].code if data["town"] else "",
            "sector": data["sector"].code if data["sector"] else "",
            "department": data["department"],
            "found": parse_period(data["found"]) if data["found"] else None,
        }


class QuarterForm(forms.Form):
    quarter = forms.RegexField(regex=r"^\d{4}-[Qq][1-4]$", required=False)
