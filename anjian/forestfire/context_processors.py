"""The 禁火 banner: on a day of fire-danger level 5 (严禁一切林内用火), every page shows it to the
users of that town (an enterprise's users through its town) and to the county (all such towns).
One small query per page for a logged-in user."""

from anjian.accounts.units import Unit, UnitKind
from anjian.core import clock

from .models import FireDanger


def fire_ban(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unit = Unit.of(user)
    if unit is None:
        return {}
    qs = FireDanger.objects.filter(date=clock.today(), level__gte=5)
    if unit.kind == UnitKind.TOWN:
        qs = qs.filter(town_id=unit.pk)
    elif unit.kind == UnitKind.ENTERPRISE:
        qs = qs.filter(town_id=unit.obj.town_id)
    names = list(qs.order_by("town__ordering").values_list("town__name", flat=True))
    return {"fire_ban_towns": names} if names else {}
