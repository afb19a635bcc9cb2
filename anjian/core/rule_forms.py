"""The county admin's form for a new version of a rule setting."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import BootstrapMixin


class RuleSettingForm(BootstrapMixin, forms.Form):
    value = forms.CharField(
        label=_("new value"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('A number, or JSON such as {"default": 30, "road_traffic": 7}.'),
    )
    effective_from = forms.DateField(
        label=_("effective from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("reason and source"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The notice or decision that sets the new value."),
    )

    def clean_value(self):
        try:
            return json.loads(self.cleaned_data["value"])
        except ValueError as exc:
            raise forms.ValidationError(_("Enter a number or valid JSON.")) from exc
