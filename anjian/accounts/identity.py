"""Identity services (等保 2.0 §8.1.4.1): tokens, sessions, password changes, logins and logouts.

Every event is audited; no password, hash, token or key value is ever recorded, only that it
changed.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import ApiToken, PasswordHistory, User
from anjian.core import audit


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, user: User) -> tuple[str, ApiToken]:
    """Store a new token's digest; the raw value exists only in the return value."""
    raw = secrets.token_hex(20)
    token = ApiToken.objects.create(
        user=user,
        digest=token_digest(raw),
        expires_at=timezone.now() + dt.timedelta(hours=settings.TOKEN_HOURS),
    )
    return raw, token


def token_issue(*, user: User, via: str = "api") -> tuple[str, ApiToken]:
    """A new Bearer token for `user`, valid `TOKEN_HOURS`, audited; the raw value is returned
    once."""
    ApiToken.objects.filter(expires_at__lt=timezone.now()).delete()  # keep the table small
    raw, token = token_create(user=user)
    audit.record(
        actor=user,
        action="auth.token_issue",
        instance=token,
        changes={"expires_at": [None, token.expires_at.isoformat()]},
        via=via,
    )
    return raw, token


def token_for(raw: str) -> ApiToken | None:
    """The unexpired token with this raw value, or None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), expires_at__gt=timezone.now())
        .first()
    )


def _tokens_revoke_all(*, actor, user: User, via: str) -> int:
    count = 0
    for token in ApiToken.objects.filter(user=user):
        audit.record(actor=actor, action="auth.token_revoke", instance=token, via=via)
        token.delete()
        count += 1
    ApiToken.objects.filter(expires_at__lt=timezone.now()).delete()
    return count


def _sessions_end(*, user: User, keep: str | None = None) -> int:
    """Delete the user's stored sessions except `keep` (the database session backend)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if session.session_key == keep:
            continue
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_sign_out_everywhere(
    *, actor, user: User, via: str, keep_session: str | None = None
) -> None:
    """End every token and session of `user` (logout, password change, deactivation)."""
    _tokens_revoke_all(actor=actor, user=user, via=via)
    _sessions_end(user=user, keep=keep_session)


def login_record(*, user: User, address: str, via: str) -> None:
    audit.record(
        actor=user,
        action="auth.login",
        instance=user,
        changes={"address": [None, address]},
        via=via,
    )


@transaction.atomic
def user_logout(*, user: User, via: str) -> None:
    """Logout ends all of the user's tokens and sessions, wherever they were opened."""
    audit.record(actor=user, action="auth.logout", instance=user, via=via)
    user_sign_out_everywhere(actor=user, user=user, via=via)


def password_store(*, user: User, password: str) -> None:
    """Set the password hash and its date (no rules checked: callers validate first)."""
    user.set_password(password)
    user.password_changed_at = timezone.now()


def password_history_append(*, user: User) -> None:
    PasswordHistory.objects.create(user=user, password=user.password)
    stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[
        settings.PASSWORD_HISTORY :
    ]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()


def password_expired(user: User) -> bool:
    """True when `ANJIAN_PASSWORD_MAX_DAYS` is on and the password is older than that."""
    if not settings.PASSWORD_MAX_DAYS or not user.password_changed_at:
        return False
    age = timezone.now() - user.password_changed_at
    return age > dt.timedelta(days=settings.PASSWORD_MAX_DAYS)


@transaction.atomic
def password_change(
    *, actor: User, old_password: str, new_password: str, via: str, keep_session: str | None = None
) -> User:
    """Change the actor's own password; ends its tokens and other sessions.

    Raises ValidationError keyed `old_password` or `new_password` naming the rule broken.
    """
    user = User.objects.select_for_update(of=("self",)).get(pk=actor.pk)
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("The current password is wrong.")})
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.messages}) from exc
    password_store(user=user, password=new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    password_history_append(user=user)
    audit.record(
        actor=user,
        action="auth.password_change",
        instance=user,
        changes={"password": ["changed", "changed"]},
        via=via,
    )
    user_sign_out_everywhere(actor=user, user=user, via=via, keep_session=keep_session)
    actor.password = user.password
    return user


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool, via: str = "web") -> User:
    """Activate or deactivate an account (county admin); deactivation ends tokens and sessions."""
    from anjian.accounts.services import _system_or_admin

    _system_or_admin(actor)
    before = audit.snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record_update(actor=actor, instance=user, before=before, via=via)
    if not active:
        user_sign_out_everywhere(actor=actor, user=user, via=via)
    return user
