from django.apps import apps
from django.urls import NoReverseMatch, reverse

from anjian.core.permissions import can, has_permission


def permissions(request) -> dict:
    """`can`: one boolean per permission code (`{% if can.officer %}`), never a role string."""
    return {"can": can(getattr(request, "user", None))}


def navigation(request) -> dict:
    """The main menu (only what the user's role may open) and the bell's unread count.

    Each app lists its menu entries in a `nav` attribute on its AppConfig; the menu follows
    INSTALLED_APPS order."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for config in apps.get_app_configs():
        for label, url_name, permission in getattr(config, "nav", []):
            if not has_permission(user, permission):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url,
                          "active": request.path.startswith(url) and url != "/"})
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {"nav_items": items, "unread_notifications": unread}
