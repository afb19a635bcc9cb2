"""API: tailings-ponds/, pond-points/ and pond-readings/ (contract, "Key sectors")."""

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
from .models import Item, MonitoringPoint, PondReading, SafetyDegree, TailingsPond


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


def register(router) -> None:
    router.register("tailings-ponds", PondViewSet, basename="tailings-pond")
    router.register("pond-points", PointViewSet, basename="pond-point")
    router.register("pond-readings", ReadingViewSet, basename="pond-reading")
