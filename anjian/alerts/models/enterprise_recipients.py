"""Units (enterprises) a warning reaches directly because of what they keep (e.g. chemicals
that react with water, for a rainstorm warning), each with its own 签收."""

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy


class AlertEnterpriseRecipient(models.Model):
    """One enterprise a warning reaches, why (`tags`), and its 签收 (once, never changed)."""

    alert = models.ForeignKey(
        "alerts.Alert",
        on_delete=models.CASCADE,
        related_name="enterprise_recipients",
        verbose_name=pgettext_lazy("alerts", "early warning"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "enterprise"),
    )
    tags = models.JSONField(pgettext_lazy("alerts", "reason"), default=list, blank=True)
    confirmed_at = models.DateTimeField(
        pgettext_lazy("alerts", "confirmed at"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "confirmed by"),
    )

    class Meta:
        ordering = ["alert", "enterprise_id"]
        verbose_name = pgettext_lazy("alerts", "enterprise recipient")
        verbose_name_plural = pgettext_lazy("alerts", "enterprise recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "enterprise"], name="alert_enterprise_recipient_once"
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "alert"])]

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.enterprise_id}"
