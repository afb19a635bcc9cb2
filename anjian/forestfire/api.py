"""API: forest-fires/, fire-danger/, field-fire-permits/, forest-watch-areas/ and patrols/
(contract "Key sectors and public reports"; domain-rules §11)."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Town
from anjian.core import clock
from anjian.core.api import Conflict as ApiConflict
from anjian.core.api import IdFilter
from anjian.core.errors import Conflict
from anjian.core.filters import SelectorFilterSet, YesNoFilter

from . import selectors, services
from .models import FieldFirePermit, FireDanger, ForestFire, Patrol, PermitStatus, WatchArea

TOWN = {"slug_field": "code", "queryset": Town.objects.all()}


def _run(call):
    try:
        return call()
    except Conflict as exc:
        raise ApiConflict(exc.message) from exc


class FireSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(**TOWN)
    grade = serializers.CharField(read_only=True, allow_null=True)
    rule = serializers.CharField(read_only=True)

    class Meta:
        model = ForestFire
        fields = [
            "id", "town", "place", "lng", "lat", "started_at", "discovered_at", "reported_at",
            "damaged_area_ha", "burned_area_ha", "deaths", "serious_injuries",
            "minor_injuries", "cause", "extinguished_at", "grade", "rule",
        ]  # fmt: skip


class FireFilter(SelectorFilterSet):
    select = staticmethod(selectors.fire_list)
    town = django_filters.CharFilter()
    year = django_filters.NumberFilter(min_value=1949, max_value=2200)

    class Meta:
        model = ForestFire
        fields = []

    def selector_kwargs(self, data):
        data = super().selector_kwargs(data)
        if "year" in data:
            data["year"] = int(data["year"])
        return data


class ForestFireViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Forest fires and 火情 with the computed `grade` (null: a 火情) and `rule` (822/541)."""

    queryset = ForestFire.objects.all()
    serializer_class = FireSerializer
    filterset_class = FireFilter
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.fire_list(actor=self.request.user)

    def get_object(self):
        return selectors.fire_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        serializer.instance = services.fire_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )

    def perform_update(self, serializer):
        serializer.instance = services.fire_update(
            actor=self.request.user,
            fire=serializer.instance,
            data=dict(serializer.validated_data),
            via="api",
        )


class DangerSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(**TOWN)
    level = serializers.IntegerField(min_value=1, max_value=5)
    notice = serializers.PrimaryKeyRelatedField(source="alert", read_only=True, allow_null=True)

    class Meta:
        model = FireDanger
        fields = ["id", "date", "town", "level", "notice"]
        validators = []  # a second entry for the same day and town replaces the level


class DangerFilter(SelectorFilterSet):
    select = staticmethod(selectors.danger_list)
    town = django_filters.CharFilter()
    date = django_filters.DateFilter()

    class Meta:
        model = FireDanger
        fields = []


class FireDangerViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The day's 森林火险气象等级 per town (1–5). At level 4 (default) the town gets a notice to
    confirm (签收, warnings/); at 5 the site shows a 禁火 banner."""

    queryset = FireDanger.objects.all()
    serializer_class = DangerSerializer
    filterset_class = DangerFilter
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.danger_list(actor=self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.danger_set(
            actor=self.request.user,
            town=data["town"],
            date=data["date"],
            level=data["level"],
            via="api",
        )


class PermitSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(**TOWN)
    status = serializers.SerializerMethodField()

    class Meta:
        model = FieldFirePermit
        fields = [
            "id", "applicant", "purpose", "town", "starts_at", "ends_at", "measures", "status",
        ]  # fmt: skip

    def get_status(self, permit) -> str:
        levels = self.context.setdefault("levels", selectors.levels_on(clock.today()))
        return selectors.permit_status(permit, levels=levels, day=clock.today())


class PermitFilter(SelectorFilterSet):
    select = staticmethod(selectors.permit_list)
    town = django_filters.CharFilter()
    status = django_filters.ChoiceFilter(
        choices=[c for c in PermitStatus.choices if c[0] != PermitStatus.VOID]
    )

    class Meta:
        model = FieldFirePermit
        fields = []


class FieldFirePermitViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """野外用火审批: filed by officers, approved or rejected by the county admin; `status` is
    `void` on a day its town's fire-danger level is 4 or above (default)."""

    queryset = FieldFirePermit.objects.all()
    serializer_class = PermitSerializer
    filterset_class = PermitFilter
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.permit_list(actor=self.request.user)

    def get_object(self):
        return selectors.permit_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        serializer.instance = services.permit_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )

    def _decide(self, request, pk, approve: bool):
        permit = selectors.permit_get_for(actor=request.user, pk=pk)
        permit = _run(
            lambda: services.permit_decide(
                actor=request.user, permit=permit, approve=approve, via="api"
            )
        )
        return Response(PermitSerializer(permit, context={}).data)

    @extend_schema(request=None, responses=PermitSerializer)
    @action(detail=True, methods=["post"], write_permission="officer")
    def approve(self, request, pk=None):
        return self._decide(request, pk, True)

    @extend_schema(request=None, responses=PermitSerializer)
    @action(detail=True, methods=["post"], write_permission="officer")
    def reject(self, request, pk=None):
        return self._decide(request, pk, False)


class AreaSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(**TOWN)
    rangers = serializers.ListField(
        child=serializers.CharField(max_length=60), max_length=50, required=False
    )
    source_fire = serializers.PrimaryKeyRelatedField(read_only=True)
    patrols_required = serializers.IntegerField(read_only=True)
    patrols_done = serializers.IntegerField(read_only=True)
    gap = serializers.IntegerField(read_only=True)

    class Meta:
        model = WatchArea
        fields = [
            "id", "town", "name", "source_fire", "lng", "lat", "buffer_m", "leader", "rangers",
            "opened_on", "closed_on", "close_reason", "patrols_required", "patrols_done", "gap",
        ]  # fmt: skip
        read_only_fields = ["closed_on", "close_reason"]


class AreaFilter(SelectorFilterSet):
    select = staticmethod(selectors.area_list)
    town = django_filters.CharFilter()
    open = YesNoFilter()
    gap = YesNoFilter()

    class Meta:
        model = WatchArea
        fields = []


class CloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class WatchAreaViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """重点监测区 with today's `patrols_required`, `patrols_done` and `gap`."""

    queryset = WatchArea.objects.all()
    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.area_list(actor=self.request.user)

    def get_object(self):
        return selectors.area_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = selectors.with_requirements(list(page))
        return self.get_paginated_response(AreaSerializer(rows, many=True).data)

    def _fresh(self, area):
        return selectors.area_get_for(actor=self.request.user, pk=area.pk)

    def perform_create(self, serializer):
        area = services.area_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )
        serializer.instance = self._fresh(area)

    def perform_update(self, serializer):
        area = services.area_update(
            actor=self.request.user,
            area=serializer.instance,
            data=dict(serializer.validated_data),
            via="api",
        )
        serializer.instance = self._fresh(area)

    @extend_schema(request=CloseSerializer, responses=AreaSerializer)
    @action(detail=True, methods=["post"], write_permission="officer")
    def close(self, request, pk=None):
        area = selectors.area_get_for(actor=request.user, pk=pk)
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _run(
            lambda: services.area_close(
                actor=request.user, area=area, reason=data.validated_data["reason"], via="api"
            )
        )
        return Response(AreaSerializer(self._fresh(area)).data)


class PatrolSerializer(serializers.ModelSerializer):
    area = serializers.PrimaryKeyRelatedField(queryset=WatchArea.objects.none())
    points = serializers.ListField(
        child=serializers.ListField(
            child=serializers.FloatField(min_value=-180, max_value=180),
            min_length=2,
            max_length=2,
        ),
        max_length=500,
        required=False,
        help_text="[[longitude, latitude], …] in degrees",
    )

    class Meta:
        model = Patrol
        fields = ["id", "area", "ranger", "at", "points", "findings"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["area"].queryset = selectors.area_list(actor=request.user)


class PatrolFilter(SelectorFilterSet):
    select = staticmethod(selectors.patrol_list)
    area = IdFilter()
    date = django_filters.DateFilter()

    class Meta:
        model = Patrol
        fields = []

    def selector_kwargs(self, data):
        data = super().selector_kwargs(data)
        if "area" in data:
            data["area"] = int(data["area"])
        return data


class PatrolViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Patrols of watch areas, with check-in points."""

    queryset = Patrol.objects.all()
    serializer_class = PatrolSerializer
    filterset_class = PatrolFilter
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.patrol_list(actor=self.request.user)

    def get_object(self):
        return selectors.patrol_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        patrol = services.patrol_log(
            actor=request.user, data=dict(serializer.validated_data), via="api"
        )
        return Response(PatrolSerializer(patrol).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("forest-fires", ForestFireViewSet, basename="forest-fire")
    router.register("fire-danger", FireDangerViewSet, basename="fire-danger")
    router.register("field-fire-permits", FieldFirePermitViewSet, basename="field-fire-permit")
    router.register("forest-watch-areas", WatchAreaViewSet, basename="forest-watch-area")
    router.register("patrols", PatrolViewSet, basename="patrol")
