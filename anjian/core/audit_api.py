"""GET /api/v1/audit/: the audit log, read-only, for the audit admin and the county admin.

Besides the stored fields (`changes` as `{field: [old, new]}` with ids and codes), each entry
carries the same change as people read it on a record's timeline (`core.audit_display`):
`user_display`, `model_label`, `action_label` and `changes_display` (`[{"field", "label",
"old", "new"}]`, labels and display values), resolved in bulk for the whole page.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from anjian.core.audit_display import readable
from anjian.core.audit_selectors import audit_entries_for
from anjian.core.models import AuditEntry
from anjian.core.pii import mask_changes, sees_unmasked


class AuditEntryListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.readable_rows = {row.entry.pk: row for row in readable(items)}
        return super().to_representation(items)


class ChangeDisplaySerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class AuditEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="username")
    user_display = serializers.SerializerMethodField()
    model_label = serializers.SerializerMethodField()
    action_label = serializers.SerializerMethodField()
    changes_display = serializers.SerializerMethodField()

    def _row(self, instance):
        rows = getattr(self, "readable_rows", None)
        if rows is None or instance.pk not in rows:
            rows = self.readable_rows = {instance.pk: readable([instance])[0]}
        return rows[instance.pk]

    def _masked(self) -> bool:
        request = self.context.get("request")
        return request is not None and not sees_unmasked(request.user)

    def get_user_display(self, instance) -> str:
        return self._row(instance).who

    def get_model_label(self, instance) -> str:
        return self._row(instance).model_label

    def get_action_label(self, instance) -> str:
        return self._row(instance).action_label

    @extend_schema_field(ChangeDisplaySerializer(many=True))
    def get_changes_display(self, instance) -> list[dict]:
        changes = self._row(instance).changes
        values = {c.field: [c.old, c.new] for c in changes}
        if self._masked():
            values = mask_changes(values)  # the audit admin: personal data
        return [
            {
                "field": c.field,
                "label": c.label,
                "old": values[c.field][0],
                "new": values[c.field][1],
            }
            for c in changes
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self._masked():
            data["changes"] = mask_changes(data["changes"])  # the audit admin: personal data
        return data

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "user",
            "action",
            "model",
            "object_id",
            "changes",
            "user_display",
            "model_label",
            "action_label",
            "changes_display",
        ]
        list_serializer_class = AuditEntryListSerializer


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    # Read-only for everyone: a write is 405 for the audit roles, 403 for the others.
    permission = write_permission = "audit"
    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    filterset_fields = ["model", "object_id", "action"]

    def get_queryset(self):
        return audit_entries_for(actor=self.request.user)
