from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import BootstrapMixin
from anjian.funds.models import MAX_AMOUNT, Fund, Project

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEN_THOUSAND = Decimal(10000)


class WanField(forms.DecimalField):
    """An amount typed in 万元 (up to four decimals: one yuan), cleaned to yuan."""

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=10,
            decimal_places=4,
            min_value=Decimal("0.0001"),
            max_value=MAX_AMOUNT / TEN_THOUSAND,
            **kwargs,
        )

    def clean(self, value):
        amount = super().clean(value)
        return None if amount is None else (amount * TEN_THOUSAND).quantize(Decimal("0.01"))


class FundForm(BootstrapMixin, forms.ModelForm):
    amount = WanField(label=_("amount (万元)"))

    class Meta:
        model = Fund
        fields = ["year", "name", "source", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["amount"] = self.instance.amount / TEN_THOUSAND

    def _post_clean(self):
        """The service validates (and names the field); the form only parses."""


class AllocationForm(BootstrapMixin, forms.Form):
    project = forms.ChoiceField(label=_("project"), choices=Project.choices)
    amount = WanField(label=_("amount (万元)"))


class SpendingForm(BootstrapMixin, forms.Form):
    allocation = forms.TypedChoiceField(label=_("project"), coerce=int)
    spent_on = forms.DateField(label=_("spent on"), widget=DATE)
    amount = WanField(label=_("amount (万元)"))
    description = forms.CharField(label=_("description"), max_length=200)
    voucher = forms.FileField(label=_("voucher (JPG, PNG, PDF, DOCX, XLSX)"))

    def __init__(self, *args, allocations=(), **kwargs):
        self._allocations = allocations
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        self.fields["allocation"].choices = [
            (a.pk, a.get_project_display()) for a in self._allocations
        ]
