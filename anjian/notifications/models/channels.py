"""Outgoing notification channels (e-mail, group-robot webhooks) and the delivery log."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import pgettext_lazy

from anjian.accounts.models import Department, Town
from anjian.accounts.units import UnitKind, UnitRecord
from anjian.notifications.models.notification import Notification


class Channel(models.TextChoices):
    EMAIL = "email", pgettext_lazy("alerts", "E-mail")
    WEBHOOK = "webhook", pgettext_lazy("alerts", "Webhook (group robot)")


class Flavour(models.TextChoices):
    """The group robot's dialect; both take {"msgtype": "text", "text": {"content": …}}."""

    WECOM = "wecom", pgettext_lazy("alerts", "WeCom (企业微信) group robot")
    DINGTALK = "dingtalk", pgettext_lazy("alerts", "DingTalk (钉钉) group robot")


class ChannelConfig(UnitRecord):
    """Where a unit's notifications also go: a mailbox or a group robot's webhook URL."""

    UNIT_KINDS = tuple(UnitKind.values)

    town = models.ForeignKey(Town, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name=pgettext_lazy("alerts", "town"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=pgettext_lazy("alerts", "department"))
    enterprise = models.ForeignKey("registry.Enterprise", on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="+", verbose_name=pgettext_lazy("alerts", "enterprise"))
    channel = models.CharField(pgettext_lazy("alerts", "channel"), max_length=10, choices=Channel.choices)
    flavour = models.CharField(pgettext_lazy("alerts", "robot"), max_length=10, choices=Flavour.choices, blank=True,
                               help_text=pgettext_lazy("alerts", "For webhooks only."))
    address = models.CharField(pgettext_lazy("alerts", "address or URL"), max_length=500)
    secret = models.CharField(pgettext_lazy("alerts", "signing secret"), max_length=200, blank=True,
                              help_text=pgettext_lazy("alerts", "DingTalk robots with 加签 security only."))
    active = models.BooleanField(pgettext_lazy("alerts", "active"), default=True)
    created_at = models.DateTimeField(pgettext_lazy("alerts", "created at"), auto_now_add=True)

    class Meta:
        db_table = "alerts_channelconfig"  # kept from when it lived in alerts: data survives
        ordering = ["unit_kind", "town__ordering", "department__ordering", "id"]
        verbose_name = pgettext_lazy("alerts", "notification channel")
        verbose_name_plural = pgettext_lazy("alerts", "notification channels")
        constraints = [
            models.CheckConstraint(
                name="channel_unit_matches_kind",
                condition=(
                    models.Q(unit_kind="county", town__isnull=True, department__isnull=True,
                             enterprise__isnull=True)
                    | models.Q(unit_kind="town", town__isnull=False, department__isnull=True,
                               enterprise__isnull=True)
                    | models.Q(unit_kind="department", town__isnull=True,
                               department__isnull=False, enterprise__isnull=True)
                    | models.Q(unit_kind="enterprise", town__isnull=True,
                               department__isnull=True, enterprise__isnull=False)
                ),
                violation_error_message=pgettext_lazy("alerts", "Choose the unit that matches the unit kind.")),
            models.CheckConstraint(
                name="channel_flavour_for_webhooks",
                condition=(models.Q(channel="email", flavour="")
                           | models.Q(channel="webhook", flavour__in=["wecom", "dingtalk"])),
                violation_error_message=pgettext_lazy("alerts", "Choose the kind of group robot for a webhook.")),
        ]
        indexes = [
            # deliver(): the active channels of a unit.
            models.Index(fields=["unit_kind", "town", "department", "enterprise", "active"]),
        ]

    def __str__(self) -> str:
        return f"{self.unit_label} · {self.get_channel_display()}"

    @property
    def unit_label(self) -> str:
        if self.unit_kind == UnitKind.COUNTY:
            return str(UnitKind.COUNTY.label)
        return str(self.unit.obj)

    def clean(self) -> None:
        if self.channel == Channel.EMAIL:
            self.flavour = ""
            try:
                validate_email(self.address)
            except ValidationError as exc:
                raise ValidationError({"address": pgettext_lazy("alerts", "Enter a valid e-mail address.")}) from exc
        elif self.channel == Channel.WEBHOOK:
            if not self.flavour:
                raise ValidationError({"flavour": pgettext_lazy("alerts", "Choose the kind of group robot.")})
            try:
                URLValidator(schemes=["http", "https"])(self.address)
            except ValidationError as exc:
                raise ValidationError(
                    {"address": pgettext_lazy("alerts", "Enter the robot's http:// or https:// webhook URL.")}
                ) from exc


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("alerts", "Pending")
    SENT = "sent", pgettext_lazy("alerts", "Sent")
    FAILED = "failed", pgettext_lazy("alerts", "Failed")


class DeliveryQuerySet(models.QuerySet):
    def due(self, *, now: dt.datetime):
        """Not sent yet and due for an attempt (the sweep's retry query)."""
        return self.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
                           next_attempt_at__lte=now)


class Delivery(models.Model):
    """One message on one channel: a unit channel gets each notification key once, a user's own
    mailbox each notification once. Its text is kept so that retries send the same message."""

    notification = models.ForeignKey(Notification, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=pgettext_lazy("alerts", "notification"))
    config = models.ForeignKey(ChannelConfig, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="deliveries", verbose_name=pgettext_lazy("alerts", "channel"))
    channel = models.CharField(pgettext_lazy("alerts", "channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(pgettext_lazy("alerts", "address or URL"), max_length=500)
    key = models.CharField(pgettext_lazy("alerts", "key"), max_length=200)
    subject = models.CharField(pgettext_lazy("alerts", "subject"), max_length=200)
    text = models.TextField(pgettext_lazy("alerts", "text"))
    status = models.CharField(pgettext_lazy("alerts", "delivery status"), max_length=8, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("alerts", "attempts"), default=0)
    last_error = models.CharField(pgettext_lazy("alerts", "last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(pgettext_lazy("alerts", "next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("alerts", "sent at"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("alerts", "created at"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        db_table = "alerts_delivery"  # kept from when it lived in alerts: data survives
        ordering = ["-created_at", "-id"]
        verbose_name = pgettext_lazy("alerts", "delivery")
        verbose_name_plural = pgettext_lazy("alerts", "deliveries")
        constraints = [
            # A unit's group gets one message per event even when the unit has several users.
            models.UniqueConstraint(fields=["config", "key"], name="delivery_once_per_channel",
                                    condition=models.Q(config__isnull=False)),
            # A user's own mailbox gets each notification once.
            models.UniqueConstraint(fields=["notification"], name="delivery_once_per_mailbox",
                                    condition=models.Q(config__isnull=True)),
        ]
        indexes = [
            # The sweep's retries: due, unsent deliveries.
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address} · {self.get_status_display()}"
