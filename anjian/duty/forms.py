from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.units import Unit
from anjian.core.forms import BootstrapMixin
from anjian.duty.models import (
    DeclaredHoliday,
    DeclaredWorkday,
    DutyCheck,
    DutyHandover,
    InformationReport,
    LocalFestival,
    PeriodWork,
    Season,
)
from anjian.duty.policies import units_user_may_file

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitChoiceMixin:
    """A `unit` choice of the units the user may file for (their own; all for the county admin)."""

    def _unit_field(self, units: list[Unit], initial: Unit | None = None) -> None:
        self.fields["unit"] = forms.ChoiceField(
            label=pgettext_lazy("duty", "unit"),
            choices=[(u.key, u.name) for u in units],
            initial=initial.key if initial else None,
        )
        self.fields["unit"].widget.attrs["class"] = "form-select"
        self.fields = {"unit": self.fields.pop("unit"), **self.fields}

    def clean_unit(self) -> Unit:
        return Unit.from_key(self.cleaned_data["unit"])


class RosterForm(UnitChoiceMixin, BootstrapMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("duty", "title"), max_length=120)
    starts_at = forms.DateTimeField(label=_("starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("ends at"), widget=DATETIME)

    def __init__(self, *args, user=None, fixed_unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_unit is None:
            self._unit_field(units_user_may_file(user))
        self.fixed_unit = fixed_unit


class ShiftForm(BootstrapMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("ends at"), widget=DATETIME)
    leader = forms.CharField(label=_("leader on duty"), max_length=60, required=False)
    staff = forms.CharField(label=_("staff on duty"), max_length=200)
    phone = forms.CharField(label=_("duty phone"), max_length=60, required=False)


ShiftFormSet = forms.formset_factory(
    ShiftForm, extra=3, can_delete=True, max_num=500, validate_max=True
)


class HandoverForm(UnitChoiceMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DutyHandover
        fields = ["handed_over_at", "from_person", "to_person", "open_matters"]
        widgets = {"handed_over_at": DATETIME, "open_matters": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._unit_field(units_user_may_file(user))


class ReportForm(UnitChoiceMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = InformationReport
        fields = [
            "event",
            "received_at",
            "kind",
            "grade_relevant",
            "reported_at",
            "reported_to",
            "note",
        ]
        widgets = {
            "received_at": DATETIME,
            "reported_at": DATETIME,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, with_unit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_unit:
            self._unit_field(units_user_may_file(user))


class CheckForm(UnitChoiceMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DutyCheck
        fields = ["checked_at", "answered", "on_duty", "findings"]
        widgets = {"checked_at": DATETIME, "findings": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unit_field(Unit.all())


# The calendar settings the county admin keeps; one generic page pair serves them all.
class FestivalForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = LocalFestival
        fields = ["name", "date_system", "month", "day", "days", "active"]


class SeasonForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Season
        fields = ["name", "start_month", "start_day", "end_month", "end_day"]


class PeriodWorkForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PeriodWork
        fields = ["period", "timing", "title", "detail", "ordering"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 2})}


class DeclaredHolidayForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DeclaredHoliday
        fields = ["name", "start", "end"]
        widgets = {"start": DATE, "end": DATE}


class DeclaredWorkdayForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DeclaredWorkday
        fields = ["day", "note"]
        widgets = {"day": DATE}


class MonthForm(forms.Form):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)
