"""The registry of production units (生产经营单位台账) and their licences."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Sector, Town
from anjian.core import clock
from anjian.core.identifiers import validate_credit_code
from anjian.core.scoping import Scope


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")
    CONVERTED = "converted", _("Converted")


class EnterpriseQuerySet(models.QuerySet):
    def search(self, q: str):
        return self.filter(name__icontains=q) if q else self


class Enterprise(models.Model):
    SCOPE = Scope(enterprise="pk")

    name = models.CharField(_("unit name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code])
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="enterprises",
                               verbose_name=_("sector"))
    town = models.ForeignKey(Town, on_delete=models.PROTECT, related_name="enterprises",
                             verbose_name=_("town"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT,
                                   related_name="enterprises", verbose_name=_("competent department"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    # The ranges are also CHECK constraints; the validators give the form and the importer the
    # same error without a query per row (see services.enterprise_build).
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                              validators=[MinValueValidator(-180), MaxValueValidator(180)])
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                              validators=[MinValueValidator(-90), MaxValueValidator(90)])
    legal_representative = models.CharField(_("legal representative"), max_length=60, blank=True)
    safety_manager = models.CharField(_("safety manager"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    employees = models.PositiveIntegerField(_("employees"), default=0)
    status = models.CharField(_("operating status"), max_length=12, choices=EnterpriseStatus.choices,
                              default=EnterpriseStatus.OPERATING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [
            # The scoped, filtered, paginated list: a town's or a sector's enterprises by name.
            models.Index(fields=["town", "name", "id"]),
            models.Index(fields=["sector", "name", "id"]),
            # The same list filtered by town and sector (?town=&sector=, a town officer's sector
            # view, a department officer's town view): its COUNT and its ordered page, without
            # intersecting the town index with a whole sector's rows (bench/registry.py).
            models.Index(fields=["town", "sector", "name", "id"]),
            models.Index(fields=["status", "name", "id"]),
            models.Index(fields=["name", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="enterprise_lng_range",
                condition=models.Q(lng__isnull=True) | models.Q(lng__gte=-180, lng__lte=180)),
            models.CheckConstraint(
                name="enterprise_lat_range",
                condition=models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90)),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:enterprise_detail", args=[self.pk])


class LicenceQuerySet(models.QuerySet):
    def expired(self, *, on: dt.date | None = None):
        return self.filter(expires_on__lt=on or clock.today())

    def expiring_within(self, days: int, *, on: dt.date | None = None):
        today = on or clock.today()
        return self.filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days))


class Licence(models.Model):
    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="licences",
                                   verbose_name=_("enterprise"))
    kind = models.CharField(_("kind"), max_length=100)
    number = models.CharField(_("number"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))

    objects = LicenceQuerySet.as_manager()

    class Meta:
        ordering = ["expires_on", "id"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="licence_number_unique"),
            models.CheckConstraint(name="licence_dates_ordered",
                                   condition=models.Q(expires_on__gte=models.F("issued_on"))),
        ]
        indexes = [
            # Licences expired / expiring within N days, county-wide and per enterprise.
            models.Index(fields=["expires_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"

    @property
    def expired(self) -> bool:
        return self.expires_on < clock.today()
