"""Safety certificates (安全生产知识和管理能力考核合格证, 特种作业操作证) of the people who work at
the registered units. Validity comes from `rules`; the expiry and the next review day are stored
(derived in `clean`) so that lists and the sweep filter on indexed columns."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.certificates import rules
from anjian.core import clock
from anjian.core.scoping import Scope


class CertificateKind(models.TextChoices):
    PRINCIPAL = rules.PRINCIPAL, _("Principal (主要负责人)")
    SAFETY_MANAGER = rules.SAFETY_MANAGER, _("Safety manager (安全生产管理人员)")
    SPECIAL_OPERATION = rules.SPECIAL_OPERATION, _("Special operation (特种作业)")


ID_NUMBER_MESSAGES = {
    "format": _("An identity number has 17 digits and a check digit or X."),
    "birth_date": _("The identity number holds no real date of birth."),
    "checksum": _("The check digit of this identity number is wrong (GB 11643)."),
}


class CertificateQuerySet(models.QuerySet):
    def current(self) -> CertificateQuerySet:
        """Not replaced by a renewal."""
        return self.filter(replaced_by__isnull=True)

    def expired(self, *, on: dt.date) -> CertificateQuerySet:
        return self.filter(expires_on__lt=on)

    def expiring(self, *, on: dt.date) -> CertificateQuerySet:
        """Valid today, ending within `rules.EXPIRING_DAYS` (exactly `rules.is_expiring`)."""
        return self.filter(
            expires_on__gte=on, expires_on__lte=on + dt.timedelta(days=rules.EXPIRING_DAYS)
        )

    def invalid_q(self, *, on: dt.date) -> Q:
        """Expired or overdue for review (the negation of `rules.is_valid`)."""
        return Q(expires_on__lt=on) | Q(review_on__lt=on)

    def attention(self, *, on: dt.date) -> CertificateQuerySet:
        """Expired, expiring, or with a review overdue or due within the lead time."""
        horizon = on + dt.timedelta(days=rules.EXPIRING_DAYS)
        return self.filter(Q(expires_on__lte=horizon) | Q(review_on__lte=horizon))


class Certificate(models.Model):
    """One person's certificate, kept in the register of the unit where the person works."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("enterprise"),
    )
    holder = models.CharField(_("holder"), max_length=50)
    id_number = models.CharField(_("identity number"), max_length=18)
    kind = models.CharField(
        pgettext_lazy("certificate", "kind"), max_length=20, choices=CertificateKind.choices
    )
    category = models.CharField(
        _("special operation"),
        max_length=40,
        blank=True,
        help_text=_("For a special-operation certificate: the operation, e.g. 电工作业."),
    )
    number = models.CharField(_("certificate number"), max_length=40)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(
        _("valid until"), blank=True, help_text=_("Empty: 3 years, 6 for a special operation.")
    )
    reviewed_on = models.DateField(_("last reviewed on (复审)"), null=True, blank=True)
    # Derived in clean(): the next 复审 day of a special-operation certificate.
    review_on = models.DateField(_("review due"), null=True, blank=True, editable=False)
    # A later certificate of the same holder, kind and operation at the unit (a renewal): the
    # old one leaves the expiring and expired lists.
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("replaced by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["expires_on", "id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [
            models.Index(fields=["expires_on"], name="certificate_expires_idx"),
            models.Index(fields=["review_on"], name="certificate_review_idx"),
            models.Index(fields=["enterprise", "kind"], name="certificate_unit_kind_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "number"], name="certificate_number_unique"
            ),
            models.CheckConstraint(
                name="certificate_expires_after_issue",
                condition=Q(expires_on__gt=models.F("issued_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} · {self.get_kind_display()} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:certificate_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.id_number = (self.id_number or "").strip().upper()
        problem = rules.id_number_problem(self.id_number)
        if problem:
            errors["id_number"] = ID_NUMBER_MESSAGES[problem]
        self.category = (self.category or "").strip()
        if self.kind == CertificateKind.SPECIAL_OPERATION and not self.category:
            errors["category"] = _("Name the special operation, e.g. 电工作业.")
        if self.kind != CertificateKind.SPECIAL_OPERATION:
            self.category = ""
        if isinstance(self.issued_on, dt.date):
            if self.issued_on > clock.today():
                errors["issued_on"] = _("A certificate cannot be issued after today.")
            if self.kind in rules.VALIDITY_YEARS and not self.expires_on:
                self.expires_on = rules.default_expiry(self.kind, self.issued_on)
            if isinstance(self.expires_on, dt.date) and self.expires_on <= self.issued_on:
                errors["expires_on"] = _("A certificate cannot expire before it was issued.")
            if isinstance(self.reviewed_on, dt.date) and self.reviewed_on < self.issued_on:
                errors["reviewed_on"] = _("A review cannot precede the issue.")
            if isinstance(self.reviewed_on, dt.date) and self.reviewed_on > clock.today():
                errors["reviewed_on"] = _("A review cannot lie after today.")
        if errors:
            raise ValidationError(errors)
        self.derive()

    def derive(self) -> None:
        """Fill the review day from the kind and the dates (`rules.review_due`)."""
        if self.kind and self.issued_on and self.expires_on:
            self.review_on = rules.review_due(
                self.kind,
                issued_on=self.issued_on,
                expires_on=self.expires_on,
                reviewed_on=self.reviewed_on,
            )

    def expired_on(self, today: dt.date) -> bool:
        return rules.is_expired(self.expires_on, today=today)

    def expiring_on(self, today: dt.date) -> bool:
        return rules.is_expiring(self.expires_on, today=today)

    def valid_on(self, today: dt.date) -> bool:
        return rules.is_valid(expires_on=self.expires_on, review_on=self.review_on, today=today)

    @property
    def expired(self) -> bool:
        return self.expired_on(clock.today())

    @property
    def expiring(self) -> bool:
        return self.expiring_on(clock.today())

    @property
    def review_overdue(self) -> bool:
        return rules.is_review_overdue(self.review_on, today=clock.today())

    @property
    def valid(self) -> bool:
        return self.valid_on(clock.today())
