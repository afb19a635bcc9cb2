"""Forms of the 12350 pages. The public form carries a local challenge instead of a CAPTCHA
from a foreign service: a signed timestamp (a form posted faster than a person types, or
older than a day, is refused) and a honeypot field a person never sees."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.core.forms import BootstrapMixin
from anjian.fireworks.models import CaseKind
from anjian.registry.models import Enterprise
from anjian.registry.selectors import enterprise_list

from .models import CONTENT_MAX, Finding, PublicReport, ReportStatus, RewardBasis

SALT = "anjian.public_reports.form"
MIN_SECONDS = 2
MAX_SECONDS = 24 * 3600


def issued_token() -> str:
    return signing.dumps(int(time.time()), salt=SALT)


class PublicReportForm(BootstrapMixin, forms.ModelForm):
    issued = forms.CharField(widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and aria; a robot fills it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = PublicReport
        fields = [
            "content",
            "town",
            "place",
            "enterprise_name",
            "anonymous",
            "contact_name",
            "contact_phone",
        ]
        widgets = {"content": forms.Textarea(attrs={"rows": 6, "maxlength": CONTENT_MAX})}

    def customise(self) -> None:
        self.fields["town"].queryset = Town.objects.order_by("code")
        if not self.is_bound:
            self.initial["issued"] = issued_token()

    def clean_issued(self) -> str:
        token = self.cleaned_data["issued"]
        try:
            issued = signing.loads(token, salt=SALT, max_age=MAX_SECONDS)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form is too old: reload the page and send it again.")
            ) from None
        if time.time() - issued < MIN_SECONDS:
            raise forms.ValidationError(
                _("Sent too fast: please check the form and send it again.")
            )
        return token

    def clean(self):
        data = super().clean()
        if data.get("anonymous"):
            data["contact_name"] = data["contact_phone"] = ""
            self.instance.contact_name = self.instance.contact_phone = ""
        return data

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class TrackForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("tracking code"), max_length=32)


class AcceptForm(BootstrapMixin, forms.Form):
    sector = forms.ModelChoiceField(
        Sector.objects.all(), required=False, to_field_name="code", label=_("sector")
    )


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TransferForm(BootstrapMixin, forms.Form):
    to = forms.CharField(label=_("to (town or department code)"), max_length=40)


class VerifyForm(BootstrapMixin, forms.Form):
    finding = forms.ChoiceField(choices=Finding.choices, label=_("finding"))
    note = forms.CharField(
        label=_("note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RewardForm(BootstrapMixin, forms.Form):
    basis = forms.ChoiceField(choices=RewardBasis.choices, label=_("basis"))
    fine = forms.DecimalField(
        label=_("fine (yuan)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    deaths = forms.IntegerField(
        label=_("concealed deaths"), required=False, min_value=1, max_value=1000
    )
    grade = forms.ChoiceField(
        label=_("accident grade"),
        required=False,
        choices=[
            ("", "—"),
            ("general", _("General")),
            ("large", _("Large")),
            ("major", _("Major")),
            ("extraordinary", _("Extraordinary")),
        ],
    )


class CloseForm(BootstrapMixin, forms.Form):
    result = forms.CharField(
        label=_("result told to the reporter"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HazardForm(BootstrapMixin, forms.Form):
    description = forms.CharField(
        label=_("hazard description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.DateField(
        label=_("rectification deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.none(), required=False, label=_("enterprise (if the unit is registered)")
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(), required=False, to_field_name="code", label=_("sector (public place)")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["enterprise"].queryset = enterprise_list(actor=user).order_by("name")


class FireworksCaseForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=CaseKind.choices)
    description = forms.CharField(
        label=_("case description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FilterForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("all"))] + list(ReportStatus.choices), required=False, label=_("status")
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
