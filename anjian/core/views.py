"""The audit log page (read-only)."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from anjian.core.audit_selectors import audit_entries_for
from anjian.core.permissions import requires
from anjian.core.pii import mask_changes, sees_unmasked


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
