"""Writes to people and places, audited like everything else."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from anjian.accounts.models import County, Department, Division, Sector, Town, User
from anjian.core import audit
from anjian.core.permissions import check_permission


def _system_or_admin(actor) -> None:
    if actor is not None:
        check_permission(actor, "county_admin")


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    town=None,
    department=None,
    enterprise=None,
    division=None,
    full_name: str = "",
    via: str = "web",
    must_change_password: bool | None = None,
    check_password_rules: bool | None = None,
) -> User:
    """Create an account for one role in one unit; the password must pass the rules.

    The account changes its password at first login. Only the demo loader (`via="demo"`) makes
    accounts that log in as they are: their known password is set directly, without the rules.
    """
    if must_change_password is None:
        must_change_password = via != "demo"
    if check_password_rules is None:
        check_password_rules = via != "demo"
    from anjian.accounts.identity import password_history_append, password_store

    _system_or_admin(actor)
    if department is not None:
        # The officer's account names the division its department serves (units.py reads it).
        division = department.division
    user = User(
        username=username,
        role=role,
        town=town,
        department=department,
        enterprise=enterprise,
        division=division,
        first_name=full_name,
        must_change_password=must_change_password,
    )
    if check_password_rules:
        validate_password(password, user)
    password_store(user=user, password=password)
    user.full_clean()
    user.save()
    password_history_append(user=user)
    # core.audit keeps that a password was set ("changed"), never its hash.
    audit.record_create(actor=actor, instance=user, via=via)
    return user


@transaction.atomic
def reference_create(*, actor, model, via: str = "web", **fields):
    """A division, county, sector, town or department (county admin, or the system at set-up)."""
    assert model in (Division, County, Sector, Town, Department)
    _system_or_admin(actor)
    sectors = fields.pop("sectors", None)
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    if sectors is not None:
        obj.sectors.set(sectors)
    audit.record_create(actor=actor, instance=obj, via=via)
    return obj
