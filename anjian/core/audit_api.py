"""GET /api/v1/audit/: the audit log, county admin only, read-only."""

from rest_framework import serializers, viewsets

from anjian.core.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="username")

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "user", "action", "model", "object_id", "changes"]


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    permission = write_permission = "county_admin"
    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    filterset_fields = ["model", "object_id", "action"]
