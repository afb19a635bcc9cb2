"""What each role may do. Scope (which records) is separate: see `scoping`.

Every view declares one of these permission codes (`@requires(...)` or `permission = ...`;
an API view also `write_permission`, enforced by `core.drf.DeclaredPermission`); a test walks
the URL resolver and fails on a view without one. Templates ask the same codes through the
`can` context processor (`{% if can.officer %}`).
"""

from django.core.exceptions import PermissionDenied

from anjian.accounts.models import Role

# 三权分立: the audit admin reads the audit log and nothing else, so it holds only "audit".
ALL_ROLES = frozenset(Role.values) - {Role.AUDIT_ADMIN}
# The 安委办 of a county, a city or a province: the same rights, each over its own subtree.
ADMINS = frozenset({Role.COUNTY_ADMIN, Role.CITY_ADMIN, Role.PROVINCE_ADMIN})
OFFICERS = ADMINS | {Role.DEPARTMENT_OFFICER, Role.TOWN_OFFICER}
WRITERS = OFFICERS | {Role.ENTERPRISE_USER}

# Permission code → roles that hold it. "public" and "login" are special: anyone / any user.
PERMISSIONS: dict[str, frozenset] = {
    "view": ALL_ROLES,
    "write": WRITERS,
    "officer": OFFICERS,
    "county_admin": ADMINS,
    "leader": ADMINS | {Role.LEADER},
    # Government roles, not enterprises: responsibility lists, gaps, accountability (read).
    "government": OFFICERS | {Role.LEADER},
    # Read the audit log (nobody can change it): the audit admin, and the county admin (v1).
    "audit": frozenset({Role.AUDIT_ADMIN, Role.COUNTY_ADMIN}),
    # See mobile and identity numbers unmasked in lists and exports (core.pii).
    "personal_data": frozenset({Role.COUNTY_ADMIN}),
}


def has_permission(user, code: str) -> bool:
    if code == "public":
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if code == "login" or user.is_superuser:
        return True
    return user.role in PERMISSIONS[code]


def can(user) -> dict[str, bool]:
    """One boolean per permission code, for templates: `{% if can.officer %}`."""
    return {code: has_permission(user, code) for code in (*PERMISSIONS, "login")}


def check_permission(user, code: str) -> None:
    """Raise 403 when the (authenticated) user's role lacks `code`."""
    if not has_permission(user, code):
        raise PermissionDenied


def requires(code: str):
    """Declare and enforce a function view's permission code."""
    if code != "public" and code != "login" and code not in PERMISSIONS:
        raise ValueError(f"unknown permission {code!r}")

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            check_permission(request.user, code)
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        wrapped.__module__ = view.__module__
        wrapped.permission = code
        if code == "public":
            wrapped.login_required = False
        return wrapped

    return decorate


class PermissionMixin:
    """Declare and enforce a class-based view's permission code (`permission = "write"`)."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission:
            raise PermissionDenied
        check_permission(request.user, self.permission)
        return super().dispatch(request, *args, **kwargs)


def two_factor_required(user) -> bool:
    """Whether the user's role is one that `ANJIAN_TWO_FACTOR_ROLES` puts behind a second factor."""
    from django.conf import settings

    roles = settings.TWO_FACTOR_ROLES
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.role in roles or (user.is_superuser and "county_admin" in roles))
    )


def holders_q(code: str, prefix: str = ""):
    """Users (through `prefix`) whose role holds the permission `code` (form choices such as
    the leader accounts a responsibility may name)."""
    from django.db.models import Q

    return Q(**{f"{prefix}role__in": sorted(PERMISSIONS[code])})
