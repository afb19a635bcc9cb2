"""Cross-cutting pages: notifications and the audit log."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from anjian.core.audit_selectors import audit_entries_for
from anjian.core.notifications import notification_mark_read
from anjian.core.permissions import requires
from anjian.core.pii import mask_changes, sees_unmasked


@requires("login")
def notification_list(request):
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {"page": page})


@require_POST
@requires("login")
def notification_read(request, pk: int):
    notification_mark_read(actor=request.user, pk=pk)
    target = request.user.notifications.filter(pk=pk).values_list("url", flat=True).first()
    return redirect(target or "notification_list")


class AuditFilterForm(forms.Form):
    model = forms.CharField(label=_("model"), required=False, max_length=60)
    object_id = forms.CharField(label=_("object id"), required=False, max_length=40)
    action = forms.CharField(label=_("action"), required=False, max_length=60)
    username = forms.CharField(label=_("username"), required=False, max_length=150)


@requires("audit")
def audit_list(request):
    """The audit log (read-only): the audit admin's page, also open to the county admin."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_for(actor=request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    if not sees_unmasked(request.user):
        for entry in page:  # shown, never saved: personal data masked as in every list
            entry.changes = mask_changes(entry.changes)
    return render(request, "core/audit_list.html", {"form": form, "page": page})
