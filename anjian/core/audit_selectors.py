"""Reading the audit log: only the roles holding "audit" (audit admin, county admin)."""

from django.db.models import QuerySet

from anjian.core.models import AuditEntry
from anjian.core.permissions import check_permission


def audit_entries_for(
    *, actor, model: str = "", object_id: str = "", action: str = "", username: str = ""
) -> QuerySet[AuditEntry]:
    """The audit log, newest first, filtered; 403 for a role without "audit"."""
    check_permission(actor, "audit")
    entries = AuditEntry.objects.all()
    if model:
        entries = entries.filter(model=model)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if action:
        entries = entries.filter(action__startswith=action)
    if username:
        entries = entries.filter(username=username)
    return entries
