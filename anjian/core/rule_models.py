"""Versioned rule settings: the figures domain-rules.md calls defaults, stored with a version
and the date from which each version applies (never overwritten)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetting(models.Model):
    """One version of one configurable rule value (`anjian.core.rules.rule_value` reads it)."""

    key = models.CharField(_("rule"), max_length=80)
    value = models.JSONField(_("value"))
    effective_from = models.DateField(_("effective from"))
    version = models.PositiveIntegerField(_("version"))
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        app_label = "core"
        ordering = ["key", "-effective_from", "-version"]
        verbose_name = _("rule setting")
        verbose_name_plural = _("rule settings")
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="rulesetting_key_version"),
        ]
        indexes = [
            # rule_value(key, on=): the newest version of a key in force on a day.
            models.Index(
                fields=["key", "-effective_from", "-version"], name="rulesetting_in_force"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version} ({self.effective_from})"
