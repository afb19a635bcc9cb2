"""The county's special work-safety funds (安全生产专项资金): a year's fund, its allocations to
projects, and the spending against each allocation with its voucher. Amounts are stored in yuan
(元, two decimals); pages show them in 万元. Sums (allocated, spent, balance) are computed."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_AMOUNT = Decimal("9999999999.99")


class Project(models.TextChoices):
    MAJOR_HAZARD = "major_hazard", _("Major hazard rectification")
    EQUIPMENT = "equipment", _("Equipment")
    TRAINING = "training", _("Training")
    PUBLICITY = "publicity", _("Publicity")
    EMERGENCY = "emergency", _("Emergency rescue")
    INFORMATION = "information", _("Information systems")
    OTHER = "other", _("Other")


def _amount(verbose: str) -> models.DecimalField:
    return models.DecimalField(
        verbose,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
        help_text=_("In yuan (元)."),
    )


class Fund(models.Model):
    """One year's fund from one source (the county budget, a transfer from above)."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(pgettext_lazy("fund", "name"), max_length=100)
    source = models.CharField(_("source"), max_length=100, help_text=_("e.g. 县级财政预算"))
    amount = _amount(_("amount"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "name", "id"]
        verbose_name = _("special fund")
        verbose_name_plural = _("special funds")
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="fund_year_name_unique"),
            models.CheckConstraint(name="fund_amount_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("funds:fund_detail", args=[self.pk])


class Allocation(models.Model):
    """The part of a fund given to one project."""

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("fund")
    )
    project = models.CharField(_("project"), max_length=20, choices=Project.choices)
    amount = _amount(_("amount"))

    class Meta:
        ordering = ["fund", "id"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(fields=["fund", "project"], name="allocation_project_unique"),
            models.CheckConstraint(name="allocation_amount_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.fund} · {self.get_project_display()}"


def voucher_path(instance: Spending, filename: str) -> str:
    from anjian.hazards.evidence import storage_name

    return f"funds/{instance.allocation.fund_id}/{storage_name(filename)}"


class Spending(models.Model):
    """One payment from an allocation, with its voucher (凭证), checked by content."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="spendings", verbose_name=_("allocation")
    )
    spent_on = models.DateField(_("spent on"))
    amount = _amount(_("amount"))
    description = models.CharField(_("description"), max_length=200)
    voucher = models.FileField(_("voucher"), upload_to=voucher_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "id"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.CheckConstraint(name="spending_amount_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("funds:voucher_download", args=[self.pk])

    @property
    def file(self):
        """`core.downloads.stored_file_download` serves `item.file`."""
        return self.voucher
