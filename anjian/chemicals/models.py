"""A unit's hazardous chemical inventory (domain-rules §14)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.core.scoping import Scope


class ChemicalStock(models.Model):
    """One chemical a unit keeps, with its largest stock. `tags` are computed from the shipped
    lists (`rules.tags_for`) by the service on every change."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="chemicals",
        verbose_name=_("enterprise"),
    )
    name = models.CharField(_("chemical"), max_length=100)
    cas = models.CharField(_("CAS number"), max_length=12, blank=True)
    max_stock_t = models.DecimalField(
        _("largest stock (t)"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(10_000_000)],
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["enterprise", "name", "id"]
        verbose_name = _("chemical stock")
        verbose_name_plural = _("chemical stocks")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="chemical_stock_once"),
        ]

    def __str__(self) -> str:
        return self.name
