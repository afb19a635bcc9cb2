"""API: warnings/ and warnings/{id}/confirm/ (the path keeps the contract's name; the module
and the app are "alerts", because a top-level `warnings` would shadow the standard library)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Department, Division, DivisionLevel, Town
from anjian.alerts import selectors, services
from anjian.alerts.models import Alert, AlertEnterpriseRecipient, AlertKind, AlertLevel
from anjian.core.permissions import check_permission


class ConfirmationSerializer(serializers.Serializer):
    recipient = serializers.CharField(source="code", read_only=True)
    confirmed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    confirmed_by = serializers.CharField(
        source="confirmed_by.username", read_only=True, allow_null=True
    )


ENTERPRISE_KINDS = (AlertKind.RAINSTORM, AlertKind.TYPHOON, AlertKind.HEAT, AlertKind.THUNDER)


class EnterpriseRecipientSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise_id", read_only=True)
    name = serializers.CharField(source="enterprise.name", read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    confirmed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    confirmed_by = serializers.CharField(
        source="confirmed_by.username", read_only=True, allow_null=True
    )


class AlertSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=200)
    level = serializers.ChoiceField(choices=AlertLevel.choices)
    kind = serializers.ChoiceField(choices=AlertKind.choices)
    content = serializers.CharField()
    valid_from = serializers.DateTimeField()
    valid_to = serializers.DateTimeField()
    recipients = serializers.ListField(
        child=serializers.CharField(max_length=32),
        source="recipient_codes",
        allow_empty=False,
        max_length=500,
    )
    confirmations = ConfirmationSerializer(source="recipients.all", many=True, read_only=True)
    # Units reached by what they keep (a rainstorm: water-reactive chemicals), each with 签收.
    enterprise_recipients = EnterpriseRecipientSerializer(
        source="enterprise_recipients.all", many=True, read_only=True
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.kind not in ENTERPRISE_KINDS:
            # Only weather warnings of these kinds reach units by their stock (contract).
            data.pop("enterprise_recipients", None)
        return data

    def validate_recipients(self, codes: list[str]) -> dict:
        return recipients_from_codes(codes)


def recipients_from_codes(codes: list[str]) -> dict:
    """Town, department and county codes → {"towns": [...], "departments": [...],
    "counties": [...]} (whether the caller may reach them is the service's to say)."""
    codes = list(dict.fromkeys(c.strip() for c in codes))
    found = {
        "towns": {t.code: t for t in Town.objects.filter(code__in=codes)},
        "departments": {d.code: d for d in Department.objects.filter(code__in=codes)},
        "counties": {
            c.code: c for c in Division.objects.filter(code__in=codes, level=DivisionLevel.COUNTY)
        },
    }
    unknown = [c for c in codes if not any(c in kind for kind in found.values())]
    if unknown:
        raise serializers.ValidationError(
            _("Unknown town, department or county code: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    ambiguous = [c for c in codes if sum(c in kind for kind in found.values()) > 1]
    if ambiguous:
        raise serializers.ValidationError(
            _("Both a town and a department have the code: %(codes)s")
            % {"codes": ", ".join(ambiguous)}
        )
    return {name: [kind[c] for c in codes if c in kind] for name, kind in found.items()}


class PassOnSerializer(serializers.Serializer):
    recipients = serializers.ListField(
        child=serializers.CharField(max_length=32), allow_empty=False, max_length=500
    )

    def validate_recipients(self, codes: list[str]) -> dict:
        found = recipients_from_codes(codes)
        if found.pop("counties"):
            raise serializers.ValidationError(_("Pass a warning on to towns and departments."))
        return found


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("town", str, description="warnings sent to this town (code)"),
            OpenApiParameter(
                "department", str, description="warnings sent to this department (code)"
            ),
            OpenApiParameter("level", str, enum=AlertLevel.values),
            OpenApiParameter("kind", str, enum=AlertKind.values),
            OpenApiParameter("q", str, description="search in titles"),
        ]
    )
)
class AlertViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Warnings the caller receives (county admin and leader: all). Publishing: county admin."""

    serializer_class = AlertSerializer
    permission = "view"
    write_permission = "county_admin"
    queryset = Alert.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self):
        params = self.request.query_params
        return selectors.alert_list_with_recipients(
            actor=self.request.user,
            **{k: params.get(k, "") for k in ("town", "department", "level", "kind", "q")},
        )

    def get_object(self):
        return selectors.alert_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        recipients = data.pop("recipient_codes")
        alert = services.alert_publish(actor=self.request.user, data=data, via="api", **recipients)
        serializer.instance = selectors.alert_get_for(actor=self.request.user, pk=alert.pk)

    @extend_schema(
        request=None,
        responses={
            200: PolymorphicProxySerializer(
                component_name="WarningConfirmation",
                serializers=[ConfirmationSerializer, EnterpriseRecipientSerializer],
                resource_type_field_name=None,
            )
        },
    )
    # Any reading user may post 签收 (not the audit admin); the service answers 403 for users who read but do not confirm.
    @action(detail=True, methods=["post"], write_permission="view")
    def confirm(self, request, pk=None):
        """签收: once per recipient unit; a second call changes nothing and answers the same."""
        alert = self.get_object()
        recipient = services.alert_confirm(actor=request.user, alert=alert, via="api")
        if isinstance(recipient, AlertEnterpriseRecipient):
            return Response(EnterpriseRecipientSerializer(recipient).data)
        return Response(ConfirmationSerializer(recipient).data, status=status.HTTP_200_OK)

    @extend_schema(request=PassOnSerializer, responses={201: AlertSerializer})
    # As `confirm`: the warning is found first (404 outside the caller's scope), then the service
    # answers 403 for anyone but the admin of a receiving county.
    @action(detail=True, methods=["post"], url_path="pass-on", write_permission="view")
    def pass_on(self, request, pk=None):
        """转发: a receiving county passes a city's or a province's warning on to its towns and
        departments, once (409 the second time); this confirms the county's receipt."""
        alert = self.get_object()
        check_permission(request.user, "county_admin")
        serializer = PassOnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        passed = services.alert_pass_on(
            actor=request.user, alert=alert, via="api", **serializer.validated_data["recipients"]
        )
        passed = selectors.alert_get_for(actor=request.user, pk=passed.pk)
        return Response(AlertSerializer(passed).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("warnings", AlertViewSet, basename="warning")
