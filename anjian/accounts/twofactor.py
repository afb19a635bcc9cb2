"""Two factors (TOTP, django-otp) for the roles in `ANJIAN_TWO_FACTOR_ROLES`.

A user enrols a TOTP device by scanning a QR code rendered here (segno, no outside service)
and confirming one code; it then receives ten one-time recovery codes, shown once and stored
as keyed hashes in django-otp's static device.
"""

import hashlib
import hmac
import io
import secrets

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from anjian.accounts.models import User
from anjian.core import audit

RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: codes are read off paper


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_pending(user: User) -> TOTPDevice:
    """The unconfirmed device an enrolment is scanning (one, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="totp", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", scale=5, xmldecl=False, svgns=True, nl=False
    )
    return out.getvalue().decode()


def _recovery_digest(code: str) -> str:
    normalized = code.strip().lower().replace("-", "").replace(" ", "")
    # Keyed with SECRET_KEY so that a copy of the database alone cannot be searched for codes;
    # 16 hex characters because that is what django-otp's StaticToken holds.
    return hmac.new(settings.SECRET_KEY.encode(), normalized.encode(), hashlib.sha256).hexdigest()[
        :16
    ]


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> list[str] | None:
    """Confirm the pending device with one code; returns the recovery codes or None if wrong."""
    device = totp_pending(user)
    if not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(user=user)
    audit.record(
        actor=user,
        action="auth.otp_enrol",
        instance=user,
        changes={"otp_device": ["changed", "changed"]},
        via="web",
    )
    return codes


def recovery_codes_renew(*, user: User) -> list[str]:
    static, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    static.token_set.all().delete()
    codes = []
    for _i in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _j in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        StaticToken.objects.create(device=static, token=_recovery_digest(raw))
    return codes


def otp_verify(*, user: User, code: str):
    """The device that accepts `code` (a TOTP code or an unused recovery code), or None."""
    code = (code or "").strip()
    if not code:
        return None
    device = totp_device(user)
    if device is not None and code.isdigit() and device.verify_token(code):
        return device
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if static is not None and static.verify_token(_recovery_digest(code)):
        return static
    return None


@transaction.atomic
def otp_reset(*, actor, user: User, via: str = "command") -> int:
    """Forget the user's devices and recovery codes (a lost phone); the next login enrols."""
    from anjian.accounts.services import _system_or_admin

    _system_or_admin(None if actor is None or actor.pk is None else actor)
    removed = (
        TOTPDevice.objects.filter(user=user).delete()[0]
        + StaticDevice.objects.filter(user=user).delete()[0]
    )
    audit.record(
        actor=actor,
        action="auth.otp_reset",
        instance=user,
        changes={"otp_device": ["changed", "changed"]},
        via=via,
    )
    return removed
