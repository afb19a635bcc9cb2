"""API: tailings-ponds/, pond-points/ and pond-readings/ (contract, "Key sectors"), and
flood-checks/, mined-out-areas/, quarries/ and mine-plans/ (domain-rules §12)."""

from decimal import Decimal

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from anjian.core.api import IdFilter
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.registry import selectors as registry_selectors

from . import rules, selectors, services
from .models import (
    Blasting,
    FloodCheck,
    Item,
    MinedOutArea,
    MinePlan,
    MonitoringPoint,
    PondReading,
    Quarry,
    SafetyDegree,
    TailingsPond,
    Treatment,
)


class PondSerializer(serializers.ModelSerializer):
    total_capacity = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=1_000_000
    )
    dam_height = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, max_value=1000
    )
    design_capacity = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=1_000_000,
        required=False,
        allow_null=True,
    )
    design_height = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, max_value=1000, required=False, allow_null=True
    )
    downstream_within_1km = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False
    )

    class Meta:
        model = TailingsPond
        fields = [
            "id",
            "enterprise",
            "name",
            "total_capacity",
            "dam_height",
            "design_capacity",
            "design_height",
            "wet",
            "construction",
            "safety_degree",
            "safety_degree_source",
            "assessed_on",
            "downstream_within_1km",
            "class_raised",
            "pond_class",
            "overhead",
            "hazard",
        ]
        read_only_fields = ["pond_class", "overhead", "hazard"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(
                actor=request.user
            )


class PondFilter(SelectorFilterSet):
    select = staticmethod(selectors.pond_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    enterprise = IdFilter()
    overhead = YesNoFilter()
    safety_degree = django_filters.ChoiceFilter(choices=SafetyDegree.choices)
    pond_class = django_filters.ChoiceFilter(choices=[(n, n) for n in range(1, 6)])

    class Meta:
        model = TailingsPond
        fields = []

    def selector_kwargs(self, data):
        for key in ("enterprise", "pond_class"):
            if data.get(key) not in (None, ""):
                data[key] = int(data[key])
        return super().selector_kwargs(data)


class PointLatestSerializer(serializers.Serializer):
    point = serializers.IntegerField()
    code = serializers.CharField()
    item = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    at = serializers.DateTimeField(allow_null=True)
    alarm = serializers.CharField(allow_null=True)


class PondStatusSerializer(serializers.Serializer):
    alarm = serializers.CharField(allow_null=True)
    items = serializers.DictField(child=serializers.CharField(allow_null=True))
    points = PointLatestSerializer(many=True)


class ChartRowSerializer(serializers.Serializer):
    point = serializers.IntegerField()
    day = serializers.DateField()
    low = serializers.FloatField()
    high = serializers.FloatField()
    alarm = serializers.CharField(allow_null=True)


class PondViewSet(viewsets.ModelViewSet):
    """Tailings ponds of the units in the caller's jurisdiction; `pond_class` and `overhead`
    are computed (class bands: the versioned rule `mines.pond_class_bands`, UNVERIFIED)."""

    queryset = TailingsPond.objects.all()
    serializer_class = PondSerializer
    filterset_class = PondFilter
    permission = "view"
    write_permission = "write"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.pond_list(actor=self.request.user)

    def get_object(self):
        return selectors.pond_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = services.pond_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)
        serializer.instance = services.pond_update(
            actor=self.request.user, pond=serializer.instance, data=data, via="api"
        )

    @extend_schema(responses=PondStatusSerializer)
    @action(detail=True, methods=["get"], url_path="status")
    def status(self, request, pk=None):
        """The pond's current alarm from each point's latest reading, per item and per pond."""
        return Response(PondStatusSerializer(selectors.pond_status(self.get_object())).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("item", enum=Item.values, required=True),
            OpenApiParameter("days", int, description="1–366, default 365"),
        ],
        responses=ChartRowSerializer(many=True),
    )
    @action(detail=True, methods=["get"], url_path="chart")
    def chart(self, request, pk=None):
        """Per point and day: lowest and highest value and the worst alarm of one item."""
        pond = self.get_object()
        item = request.query_params.get("item", "")
        if item not in Item.values:
            raise ValidationError({"item": [_("Choose one of the monitored items.")]})
        days = request.query_params.get("days", "365")
        if not days.isdigit() or not 1 <= int(days) <= 366:
            raise ValidationError({"days": [_("A whole number of days from 1 to 366.")]})
        rows = selectors.pond_chart(pond, item=item, days=int(days))
        return Response(ChartRowSerializer(rows, many=True).data)


class PointSerializer(serializers.ModelSerializer):
    pond = serializers.IntegerField(source="pond_id")
    unit = serializers.CharField(read_only=True)

    class Meta:
        model = MonitoringPoint
        fields = ["id", "pond", "code", "item", "unit", "blue", "yellow", "orange", "red"]


class PointFilter(SelectorFilterSet):
    select = staticmethod(selectors.point_list)
    pond = IdFilter()

    class Meta:
        model = MonitoringPoint
        fields = []

    def selector_kwargs(self, data):
        if data.get("pond") is not None:
            data["pond"] = int(data["pond"])
        return super().selector_kwargs(data)


class PointViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Monitoring points with the design unit's thresholds (blue … red)."""

    queryset = MonitoringPoint.objects.all()
    serializer_class = PointSerializer
    filterset_class = PointFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.point_list(actor=self.request.user)

    def get_object(self):
        return selectors.point_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        pond = selectors.pond_get_for(actor=self.request.user, pk=data.pop("pond_id"))
        serializer.instance = services.point_create(
            actor=self.request.user, pond=pond, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("pond_id", None)
        serializer.instance = services.point_update(
            actor=self.request.user, point=serializer.instance, data=data, via="api"
        )


class ReadingSerializer(serializers.ModelSerializer):
    pond = serializers.IntegerField(source="pond_id", read_only=True)
    point = serializers.IntegerField(source="point_id")
    item = serializers.ChoiceField(choices=Item.choices)
    value = serializers.FloatField(min_value=-1_000_000, max_value=1_000_000)
    unit = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=8)

    class Meta:
        model = PondReading
        fields = ["id", "pond", "point", "item", "value", "unit", "at", "alarm", "manual"]
        read_only_fields = ["alarm"]


class ReadingFilter(SelectorFilterSet):
    select = staticmethod(selectors.reading_list)
    pond = IdFilter()
    point = IdFilter()
    item = django_filters.ChoiceFilter(choices=Item.choices)
    alarm = django_filters.ChoiceFilter(choices=[(level, level) for level in rules.LEVELS])
    after = django_filters.IsoDateTimeFilter()
    before = django_filters.IsoDateTimeFilter()

    class Meta:
        model = PondReading
        fields = []

    def selector_kwargs(self, data):
        for key in ("pond", "point"):
            if data.get(key) is not None:
                data[key] = int(data[key])
        return super().selector_kwargs(data)


class ReadingViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Readings of the points the caller may see; POST records one (manual entry), its
    `alarm` computed from the point's thresholds. A time in the future is refused."""

    queryset = PondReading.objects.all()
    serializer_class = ReadingSerializer
    filterset_class = ReadingFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.reading_list(actor=self.request.user)

    def get_object(self):
        return selectors.reading_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        point = selectors.point_get_for(actor=self.request.user, pk=data.pop("point_id"))
        serializer.instance = services.reading_add(
            actor=self.request.user, point=point, data=data, via="api"
        )


class FloodCheckSerializer(serializers.ModelSerializer):
    pond = serializers.IntegerField(source="pond_id", min_value=1, max_value=2**31 - 1)
    year = serializers.IntegerField(min_value=1949, max_value=9999)
    routed_by = serializers.CharField(max_length=200, required=False, allow_blank=True)
    control_water_level = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=-500,
        max_value=9000,
        required=False,
        allow_null=True,
    )
    beach_length = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=0,
        max_value=10000,
        required=False,
        allow_null=True,
    )
    freeboard = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=-50,
        max_value=100,
        required=False,
        allow_null=True,
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    report = serializers.SerializerMethodField()
    open_items = serializers.SerializerMethodField()

    class Meta:
        model = FloodCheck
        fields = [
            "id",
            "pond",
            "year",
            "routed_on",
            "routed_by",
            "control_water_level",
            "beach_length",
            "freeboard",
            "drainage_clear",
            "freeboard_beach_ok",
            "materials_ready",
            "monitoring_working",
            "open_items",
            "note",
            "report",
            "hazard",
        ]
        read_only_fields = ["hazard"]

    def get_report(self, check) -> str | None:
        """The report's download address (uploaded on the pond's page), or null."""
        return check.report_url if check.report_name else None

    def get_open_items(self, check) -> list[str]:
        return rules.flood_check_open_items(check.checklist)


class FloodCheckFilter(SelectorFilterSet):
    select = staticmethod(selectors.flood_check_list)
    pond = IdFilter()
    year = django_filters.NumberFilter(min_value=1949, max_value=9999)

    class Meta:
        model = FloodCheck
        fields = []

    def selector_kwargs(self, data):
        for key in ("pond", "year"):
            if data.get(key) not in (None, ""):
                data[key] = int(data[key])
        return super().selector_kwargs(data)


class FloodCheckViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """汛前检查 per pond and year (domain-rules §12). POST records or completes the year's check
    (the sweep may have opened it empty when the routing was missing at the season's start);
    `pond` and `year` do not change afterwards. The report file is uploaded on the pond's page."""

    queryset = FloodCheck.objects.all()
    serializer_class = FloodCheckSerializer
    filterset_class = FloodCheckFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.flood_check_list(actor=self.request.user)

    def get_object(self):
        return selectors.flood_check_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def _data(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        data.pop("pond_id", None)
        data.pop("year", None)
        return data

    def perform_create(self, serializer):
        pond = selectors.pond_get_for(
            actor=self.request.user, pk=serializer.validated_data["pond_id"]
        )
        serializer.instance = services.flood_check_save(
            actor=self.request.user,
            pond=pond,
            year=serializer.validated_data["year"],
            data=self._data(serializer),
            via="api",
        )

    def perform_update(self, serializer):
        check = serializer.instance
        serializer.instance = services.flood_check_save(
            actor=self.request.user,
            pond=check.pond,
            year=check.year,
            data=self._data(serializer),
            via="api",
        )


class VoidSerializer(serializers.ModelSerializer):
    lng = serializers.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=73,
        max_value=136,
        required=False,
        allow_null=True,
    )
    lat = serializers.DecimalField(
        max_digits=8,
        decimal_places=6,
        min_value=3,
        max_value=54,
        required=False,
        allow_null=True,
    )
    volume = serializers.DecimalField(
        max_digits=12, decimal_places=1, min_value=Decimal("0.1"), max_value=1_000_000_000
    )
    affected_area = serializers.DecimalField(
        max_digits=12, decimal_places=1, min_value=0, max_value=1_000_000_000, required=False
    )

    class Meta:
        model = MinedOutArea
        fields = [
            "id",
            "enterprise",
            "location",
            "lng",
            "lat",
            "volume",
            "treatment",
            "affected_area",
            "monitoring",
            "responsible",
            "deadline",
            "hazard",
        ]
        read_only_fields = ["hazard"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(
                actor=request.user
            )


class VoidFilter(SelectorFilterSet):
    select = staticmethod(selectors.void_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    enterprise = IdFilter()
    treatment = django_filters.ChoiceFilter(choices=Treatment.choices)

    class Meta:
        model = MinedOutArea
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") not in (None, ""):
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class VoidViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Mined-out areas (采空区, domain-rules §12) of the mines in the caller's jurisdiction; an
    untreated one becomes a hazard with its treatment deadline, once (`hazard`)."""

    queryset = MinedOutArea.objects.all()
    serializer_class = VoidSerializer
    filterset_class = VoidFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.void_list(actor=self.request.user)

    def get_object(self):
        return selectors.void_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = services.void_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)
        serializer.instance = services.void_update(
            actor=self.request.user, area=serializer.instance, data=data, via="api"
        )


class QuarrySerializer(serializers.ModelSerializer):
    problem = serializers.SerializerMethodField()

    class Meta:
        model = Quarry
        fields = [
            "id",
            "enterprise",
            "name",
            "licence_number",
            "expires_on",
            "annual_output",
            "blasting",
            "demonstration",
            "safety_manager",
            "principal_certified",
            "problem",
            "hazard",
        ]
        read_only_fields = ["hazard"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(
                actor=request.user
            )

    def get_problem(self, quarry) -> str | None:
        """`banned` (a banned blasting method: a major hazard) or null."""
        return rules.blasting_problem(quarry.blasting, quarry.demonstration)


class QuarryFilter(SelectorFilterSet):
    select = staticmethod(selectors.quarry_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    enterprise = IdFilter()
    blasting = django_filters.ChoiceFilter(choices=Blasting.choices)
    expired = YesNoFilter()

    class Meta:
        model = Quarry
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") not in (None, ""):
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class QuarryViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Small open-pit quarries (小型露天采石场, 原安监总局令第39号). More than 500,000 t a year is
    refused (not a small quarry); 浅孔 blasting needs its 论证 record; a banned method
    (扩壶爆破, 掏底崩落, 掏挖开采, 一面墙) is recorded and makes the quarry a major hazard."""

    queryset = Quarry.objects.all()
    serializer_class = QuarrySerializer
    filterset_class = QuarryFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.quarry_list(actor=self.request.user)

    def get_object(self):
        return selectors.quarry_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = services.quarry_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)
        serializer.instance = services.quarry_update(
            actor=self.request.user, quarry=serializer.instance, data=data, via="api"
        )


class MinePlanSerializer(serializers.ModelSerializer):
    attachment = serializers.SerializerMethodField()

    class Meta:
        model = MinePlan
        fields = ["id", "enterprise", "risks", "measures", "responsible", "review_on", "attachment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(
                actor=request.user
            )

    def get_attachment(self, plan) -> str | None:
        """The plan document's download address (uploaded on the plan's page), or null."""
        return plan.attachment_url if plan.attachment_name else None


class PlanFilter(SelectorFilterSet):
    select = staticmethod(selectors.plan_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    enterprise = IdFilter()
    overdue = YesNoFilter()

    class Meta:
        model = MinePlan
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") not in (None, ""):
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class PlanViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """一矿一策: one risk plan per mine (risks, measures, responsible person, next review). A
    second plan for the same mine is refused; `overdue=yes` lists plans past their review."""

    queryset = MinePlan.objects.all()
    serializer_class = MinePlanSerializer
    filterset_class = PlanFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.plan_list(actor=self.request.user)

    def get_object(self):
        return selectors.plan_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = services.plan_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)
        serializer.instance = services.plan_update(
            actor=self.request.user, plan=serializer.instance, data=data, via="api"
        )


def register(router) -> None:
    router.register("tailings-ponds", PondViewSet, basename="tailings-pond")
    router.register("pond-points", PointViewSet, basename="pond-point")
    router.register("pond-readings", ReadingViewSet, basename="pond-reading")
    router.register("flood-checks", FloodCheckViewSet, basename="flood-check")
    router.register("mined-out-areas", VoidViewSet, basename="mined-out-area")
    router.register("quarries", QuarryViewSet, basename="quarry")
    router.register("mine-plans", PlanViewSet, basename="mine-plan")
