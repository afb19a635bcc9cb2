"""GET /api/v1/audit/: the audit log, read-only, for the audit admin and the county admin."""

from rest_framework import serializers, viewsets

from anjian.core.audit_selectors import audit_entries_for
from anjian.core.models import AuditEntry
from anjian.core.pii import mask_changes, sees_unmasked


class AuditEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="username")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not sees_unmasked(request.user):
            data["changes"] = mask_changes(data["changes"])  # the audit admin: personal data
        return data

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "user", "action", "model", "object_id", "changes"]


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    # Read-only for everyone: a write is 405 for the audit roles, 403 for the others.
    permission = write_permission = "audit"
    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    filterset_fields = ["model", "object_id", "action"]

    def get_queryset(self):
        return audit_entries_for(actor=self.request.user)
