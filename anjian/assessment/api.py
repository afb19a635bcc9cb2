"""API: responsibilities/, supervision-gaps/, accidents/{id}/findings/, accountability/."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from anjian.accidents import selectors as accident_selectors
from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Unit, UnitKind
from anjian.assessment import api_scoring, selectors, services
from anjian.assessment.models import (
    AccidentFinding,
    AccountabilityKind,
    AccountabilityRecord,
    FiveInPlace,
    FiveItem,
    Responsibility,
    SafetyPosition,
)
from anjian.core.api import IdFilter
from anjian.core.filters import SelectorFilterSet
from anjian.core.permissions import holders_q
from anjian.core.scoping import scope_queryset


class ResponsibilitySerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Sector.objects.all()
    )
    towns = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Town.objects.all()
    )
    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(holders_q("leader")),
        required=False,
        allow_null=True,
        help_text="the leader's account (optional)",
    )

    class Meta:
        model = Responsibility
        fields = ["id", "person", "user", "title", "sectors", "towns", "year"]


class ResponsibilityFilter(SelectorFilterSet):
    select = staticmethod(selectors.responsibility_list)
    year = django_filters.NumberFilter(min_value=2000, max_value=2100)
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    q = django_filters.CharFilter()

    class Meta:
        model = Responsibility
        fields = []

    def selector_kwargs(self, data):
        data = super().selector_kwargs(data)
        if "year" in data:
            data["year"] = int(data["year"])
        return data


class ResponsibilityViewSet(viewsets.ModelViewSet):
    """Leaders' assignments (党政同责、一岗双责): county admin writes, government roles read."""

    queryset = Responsibility.objects.none()
    serializer_class = ResponsibilitySerializer
    filterset_class = ResponsibilityFilter
    permission = "government"
    write_permission = "county_admin"

    def get_queryset(self):
        return selectors.responsibility_list(actor=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.responsibility_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )

    def perform_update(self, serializer):
        serializer.instance = services.responsibility_update(
            actor=self.request.user,
            responsibility=serializer.instance,
            data=dict(serializer.validated_data),
            via="api",
        )

    def perform_destroy(self, instance):
        services.responsibility_delete(actor=self.request.user, responsibility=instance, via="api")


_GAP = inline_serializer(
    "SupervisionGap",
    {
        "kind": serializers.CharField(),
        "subject": serializers.CharField(),
        "detail": serializers.CharField(),
        "url": serializers.CharField(),
    },
    many=True,
)


class SupervisionGapViewSet(viewsets.ViewSet):
    """监管盲区, computed from the data at the moment of the request (a plain list)."""

    permission = "government"
    write_permission = "county_admin"

    @extend_schema(responses=_GAP)
    def list(self, request):
        return Response([g.as_dict() for g in selectors.supervision_gap_list(actor=request.user)])


class FindingSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SlugRelatedField(
        source="created_by", slug_field="username", read_only=True
    )

    class Meta:
        model = AccidentFinding
        fields = ["id", "kind", "note", "recorded_by", "created_at"]
        read_only_fields = ["created_at"]


class FindingViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """An accident's findings (迟报/漏报/谎报/瞒报): county admin records, government roles read
    the findings of accidents in their scope."""

    queryset = AccidentFinding.objects.none()
    serializer_class = FindingSerializer
    pagination_class = None
    permission = "government"
    write_permission = "county_admin"

    def accident(self):
        return accident_selectors.accident_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def get_queryset(self):
        return selectors.finding_list(actor=self.request.user, accident=self.accident())

    def perform_create(self, serializer):
        serializer.instance = services.finding_create(
            actor=self.request.user,
            accident=self.accident(),
            via="api",
            **serializer.validated_data,
        )


class UnitField(serializers.CharField):
    """A town or department code, or an enterprise id."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value.isdigit() and len(value) <= 18:
            return Unit.named(UnitKind.ENTERPRISE, int(value))
        try:
            return Unit.from_code(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict.get("unit", exc.messages)) from exc

    def to_representation(self, value):
        return value


class AccountabilitySerializer(serializers.ModelSerializer):
    unit = UnitField(source="unit_code", help_text="a town or department code, or an enterprise id")
    unit_kind = serializers.CharField(read_only=True)
    unit_name = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=AccountabilityKind.choices)
    accident = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, source="accident_id"
    )
    hazard = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, source="hazard_id"
    )

    class Meta:
        model = AccountabilityRecord
        fields = [
            "id",
            "unit",
            "unit_kind",
            "unit_name",
            "kind",
            "reason",
            "date",
            "accident",
            "hazard",
            "decided_by",
        ]

    def get_unit_name(self, obj) -> str:
        return obj.unit_obj.name


class AccountabilityFilter(SelectorFilterSet):
    select = staticmethod(selectors.accountability_list)
    year = django_filters.NumberFilter(min_value=2000, max_value=2100)
    unit = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=AccountabilityKind.choices)

    class Meta:
        model = AccountabilityRecord
        fields = []

    def selector_kwargs(self, data):
        data = super().selector_kwargs(data)
        if "year" in data:
            data["year"] = int(data["year"])
        return data


class AccountabilityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """约谈, 通报批评, 责令整改, 问责: county admin records, government roles read their own."""

    queryset = AccountabilityRecord.objects.none()
    serializer_class = AccountabilitySerializer
    filterset_class = AccountabilityFilter
    permission = "government"
    write_permission = "county_admin"

    def get_queryset(self):
        return selectors.accountability_list(actor=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        unit = data.pop("unit_code")
        data["accident"] = data.pop("accident_id", None)
        data["hazard"] = data.pop("hazard_id", None)
        serializer.instance = services.accountability_create(
            actor=self.request.user, unit=unit, data=data, via="api"
        )


class SafetyPositionSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="enterprise_id", min_value=1)

    class Meta:
        model = SafetyPosition
        fields = ["id", "enterprise", "position", "holder", "duties", "signed", "signed_on"]


class EnterpriseFilter(SelectorFilterSet):
    enterprise = IdFilter()

    def selector_kwargs(self, data):
        data = super().selector_kwargs(data)
        if "enterprise" in data:
            data["enterprise"] = int(data["enterprise"])
        return data


class SafetyPositionFilter(EnterpriseFilter):
    select = staticmethod(selectors.safety_position_list)

    class Meta:
        model = SafetyPosition
        fields = []


def _enterprise_in_scope(actor, pk):
    from anjian.registry.models import Enterprise

    found = scope_queryset(Enterprise.objects.all(), actor).filter(pk=pk).first()
    if found is None:
        raise serializers.ValidationError({"enterprise": [_("No such unit in your scope.")]})
    return found


class SafetyPositionViewSet(viewsets.ModelViewSet):
    """全员安全生产责任制: an enterprise keeps its own; towns and departments read theirs."""

    queryset = SafetyPosition.objects.none()
    serializer_class = SafetyPositionSerializer
    filterset_class = SafetyPositionFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.safety_position_list(actor=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = _enterprise_in_scope(self.request.user, data.pop("enterprise_id"))
        serializer.instance = services.safety_position_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if (
            data.pop("enterprise_id", serializer.instance.enterprise_id)
            != serializer.instance.enterprise_id
        ):
            raise serializers.ValidationError(
                {"enterprise": [_("A position stays with its unit.")]}
            )
        serializer.instance = services.safety_position_update(
            actor=self.request.user, position=serializer.instance, data=data, via="api"
        )

    def perform_destroy(self, instance):
        services.safety_position_delete(actor=self.request.user, position=instance, via="api")


class FiveInPlaceSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="enterprise_id", min_value=1)
    item = serializers.ChoiceField(choices=FiveItem.choices)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = FiveInPlace
        fields = ["id", "enterprise", "item", "in_place", "note", "evidence"]

    def get_evidence(self, obj) -> list[str]:
        return [e.get_absolute_url() for e in obj.evidence.all()]


class FiveInPlaceFilter(EnterpriseFilter):
    select = staticmethod(selectors.five_in_place_list)

    class Meta:
        model = FiveInPlace
        fields = []


class FiveInPlaceViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The 五到位 items: POST sets one item of a unit (created or changed); files are attached
    on the unit's page."""

    queryset = FiveInPlace.objects.none()
    serializer_class = FiveInPlaceSerializer
    filterset_class = FiveInPlaceFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.five_in_place_list(actor=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = _enterprise_in_scope(self.request.user, data["enterprise_id"])
        serializer.instance = services.five_in_place_set(
            actor=self.request.user,
            enterprise=enterprise,
            item=data["item"],
            in_place=data.get("in_place", False),
            note=data.get("note", ""),
            via="api",
        )


def register(router) -> None:
    router.register("responsibilities", ResponsibilityViewSet, basename="responsibility")
    router.register("supervision-gaps", SupervisionGapViewSet, basename="supervision-gap")
    router.register(r"accidents/(?P<pk>\d+)/findings", FindingViewSet, basename="accident-finding")
    router.register("accountability", AccountabilityViewSet, basename="accountability")
    router.register("safety-positions", SafetyPositionViewSet, basename="safety-position")
    router.register("five-in-place", FiveInPlaceViewSet, basename="five-in-place")
    api_scoring.register(router)
