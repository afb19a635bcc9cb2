"""API: risk-points/, scoped by the caller's jurisdiction."""

from decimal import Decimal

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from anjian.accounts.models import Sector, Town
from anjian.core.api import IdFilter, ScopedViewSetMixin
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.core.pii import PHONE, PiiViewSetMixin
from anjian.registry import selectors as registry
from anjian.risks import selectors, services
from anjian.risks.models import Method, RiskLevel, RiskPoint


@extend_schema_field(OpenApiTypes.NUMBER)
class FactorField(serializers.Field):
    """A factor as a JSON number (3, 0.5); accepts numbers or numeric strings."""

    def to_representation(self, value):
        if value is None:
            return None
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)

    def to_internal_value(self, data):
        if data in (None, ""):
            return None
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            raise serializers.ValidationError(self.error_messages["invalid"])
        return str(data)

    default_error_messages = {"invalid": _("A valid number is required.")}


class AccidentTypesField(serializers.ListField):
    """In: GB 6441 names or codes; out: the Chinese names."""

    child = serializers.CharField()

    def to_representation(self, data):
        from anjian.core.gb6441 import accident_type_names

        return accident_type_names(data or [])


class RiskPointSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(
        slug_field="code", queryset=Town.objects.all(), required=False, allow_null=True
    )
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    accident_types = AccidentTypesField()
    l = FactorField()  # noqa: E741
    e = FactorField(required=False, allow_null=True)
    c = FactorField(required=False, allow_null=True)
    s = FactorField(required=False, allow_null=True)
    score = FactorField(read_only=True)
    level = serializers.ChoiceField(choices=RiskLevel.choices, read_only=True)
    method = serializers.ChoiceField(choices=Method.choices)

    class Meta:
        model = RiskPoint
        fields = [
            "id",
            "enterprise",
            "town",
            "sector",
            "name",
            "location",
            "lng",
            "lat",
            "accident_types",
            "method",
            "l",
            "e",
            "c",
            "s",
            "score",
            "level",
            "measures",
            "control_level",
            "responsible_person",
            "responsible_phone",
            "review_on",
        ]
        extra_kwargs = {"control_level": {"required": False, "allow_blank": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            # Only enterprises in the caller's scope can be named (others: "does not exist").
            self.fields["enterprise"].queryset = registry.enterprise_list(actor=request.user)

    def validate(self, attrs):
        # Grading and the rest of the rules live in the service (risk_point_assemble).
        return attrs


class RiskPointFilter(SelectorFilterSet):
    """The risk point list page's filters: rows from `selectors.risk_point_list`."""

    select = staticmethod(selectors.risk_point_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    level = django_filters.ChoiceFilter(choices=RiskLevel.choices)
    method = django_filters.ChoiceFilter(choices=Method.choices)
    enterprise = IdFilter()
    public = YesNoFilter()

    class Meta:
        model = RiskPoint
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by("name", "pk")


class RiskPointViewSet(PiiViewSetMixin, ScopedViewSetMixin, viewsets.ModelViewSet):
    pii_fields = {"responsible_phone": PHONE}
    queryset = RiskPoint.objects.select_related("town", "sector").order_by("name", "pk")
    serializer_class = RiskPointSerializer
    filterset_class = RiskPointFilter
    permission = "view"
    write_permission = "write"

    def perform_create(self, serializer):
        serializer.instance = services.risk_point_create(
            actor=self.request.user, data=serializer.validated_data, via="api"
        )

    def perform_update(self, serializer):
        serializer.instance = services.risk_point_update(
            actor=self.request.user,
            risk_point=serializer.instance,
            data=serializer.validated_data,
            via="api",
        )

    def perform_destroy(self, instance):
        services.risk_point_delete(actor=self.request.user, risk_point=instance, via="api")


def register(router) -> None:
    router.register("risk-points", RiskPointViewSet)
