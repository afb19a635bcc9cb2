"""GET /api/v1/audit/: the audit log, read-only, for the audit admin and the county admin."""

from rest_framework import serializers, viewsets

from anjian.core.audit_selectors import audit_entries_for
from anjian.core.drf import AuditReaders
from anjian.core.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="username")

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "user", "action", "model", "object_id", "changes"]


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    anjian_permission = "audit"
    permission_classes = [AuditReaders]
    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    filterset_fields = ["model", "object_id", "action"]

    def get_queryset(self):
        return audit_entries_for(actor=self.request.user)
