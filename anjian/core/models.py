"""Cross-cutting records: the audit log and in-app notifications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.rule_models import RuleSetting  # noqa: F401  (a model of this app)


class AuditEntry(models.Model):
    """Who changed what, when: one row per create, change, delete or transition."""

    at = models.DateTimeField(_("time"), default=timezone.now)
    # PROTECT: entries are immutable (a trigger refuses UPDATE), so a user who acted is
    # deactivated rather than deleted.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", verbose_name=_("user"))
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=60)
    model = models.CharField(_("model"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    via = models.CharField(_("via"), max_length=20, blank=True)
    # The hash chain (core.audit_chain): SHA-256 over this entry's content and `prev_hash`.
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            # The timeline on a record's page and GET /api/v1/audit/?model=&object_id=.
            models.Index(fields=["model", "object_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.model}#{self.object_id}"


class AuditChainHead(models.Model):
    """One row: the newest entry's id and hash. Appenders lock it, so the chain has no forks."""

    last_id = models.BigIntegerField(_("last entry"), default=0)
    last_hash = models.CharField(_("last hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self) -> str:
        return f"#{self.last_id} {self.last_hash[:12]}"


class AuditCheckpoint(models.Model):
    """Where an archive ended: entries up to `up_to_id` left the table; `hash` was the last one's.

    `anjian audit verify` starts from the newest checkpoint. Rows are immutable (triggers).
    """

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    up_to_id = models.BigIntegerField(_("up to entry"))
    up_to_at = models.DateTimeField(_("up to time"))
    hash = models.CharField(_("hash"), max_length=64)
    count = models.PositiveIntegerField(_("entries archived"))
    file = models.CharField(_("archive file"), max_length=500)
    file_sha256 = models.CharField(_("archive SHA-256"), max_length=64)

    class Meta:
        ordering = ["-up_to_id"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"#{self.up_to_id} {self.hash[:12]}"


class AuditPrunePermit(models.Model):
    """Present only inside the prune transaction: lets the delete trigger pass for entries up to
    `up_to_id`, and only when a checkpoint with that id exists (core.audit_guard)."""

    up_to_id = models.BigIntegerField(_("up to entry"))

    class Meta:
        verbose_name = _("audit prune permit")
        verbose_name_plural = _("audit prune permits")

    def __str__(self) -> str:
        return f"#{self.up_to_id}"
