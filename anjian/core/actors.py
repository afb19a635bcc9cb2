"""The actor for work that no person starts (command line, sweep): county-wide, audited as "system"."""


class SystemActor:
    pk = None
    id = None
    username = "system"
    role = "county_admin"
    is_authenticated = True
    is_active = True
    is_superuser = True
    town_id = department_id = enterprise_id = None

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def actor_for(username: str = ""):
    """The named user, or the system actor when no name is given."""
    if not username:
        return SYSTEM
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
