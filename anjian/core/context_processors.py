from django.urls import NoReverseMatch, reverse

from anjian.core.navigation import MENU
from anjian.core.permissions import can, has_permission


def permissions(request) -> dict:
    """`can`: one boolean per permission code (`{% if can.officer %}`), never a role string."""
    return {"can": can(getattr(request, "user", None))}


def menu_for(user, path: str = "") -> list[dict]:
    """The groups of `core.navigation.MENU` the user sees, each with the entries it may open.

    No query: visibility is the permission table, counts are filled in by the page's script
    from the `todo/` API (so a page costs no more queries for its menu)."""
    groups = []
    for group in MENU:
        entries = []
        for entry in group.entries:
            if not has_permission(user, entry.permission):
                continue
            try:
                url = reverse(entry.url_name)
            except NoReverseMatch:
                continue
            entries.append(
                {
                    "label": entry.label,
                    "url": url,
                    "active": url != "/" and path.startswith(url),
                    "pending": " ".join(entry.pending),
                }
            )
        if entries:
            groups.append(
                {
                    "key": group.key,
                    "label": group.label,
                    "entries": entries,
                    "active": any(e["active"] for e in entries),
                    "pending": " ".join(sorted({k for e in entries for k in e["pending"].split()})),
                }
            )
    return groups


def navigation(request) -> dict:
    """The main menu (only what the user's role uses) and the bell's unread count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = user.notifications.filter(read_at__isnull=True).count()
    groups = menu_for(user, request.path)
    # On a phone the menu button carries the sum of what the menu counts.
    pending = " ".join(sorted({k for g in groups for k in g["pending"].split()}))
    return {"nav_groups": groups, "nav_pending": pending, "unread_notifications": unread}
