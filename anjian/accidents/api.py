"""API: accidents/ (with revisions/ and forwards) and stats/accidents/."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accidents import selectors, services, stats
from anjian.accidents.models import Accident, AccidentForward, AccidentRevision, Grade, Kind
from anjian.accounts.models import Sector, Town
from anjian.core.api import IdFilter, ScopedViewSetMixin
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.core.gb6441 import NAMES, parse_accident_type
from anjian.registry.models import Enterprise


@extend_schema_field(OpenApiTypes.STR)
class AccidentTypeField(serializers.Field):
    """GB 6441 name (`高处坠落`) or two-digit code (`09`) in; the code out."""

    def to_internal_value(self, data):
        try:
            return parse_accident_type(data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    def to_representation(self, value):
        return value


class ForwardingSerializer(serializers.ModelSerializer):
    """One level the accident goes up to (493号令 Art. 10)."""

    class Meta:
        model = AccidentForward
        fields = ["level", "due", "received_at", "received_by"]
        read_only_fields = fields


class AccidentSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", queryset=Town.objects.all())
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all())
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(), required=False, allow_null=True
    )
    accident_type = AccidentTypeField()
    accident_type_name = serializers.SerializerMethodField()
    deaths = serializers.IntegerField(min_value=0, required=False, default=0)
    missing = serializers.IntegerField(min_value=0, required=False, default=0)
    serious_injuries = serializers.IntegerField(min_value=0, required=False, default=0)
    minor_injuries = serializers.IntegerField(min_value=0, required=False, default=0)
    direct_loss = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, default=0
    )
    note = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="补报 note kept with the revision when figures change",
    )
    forwarding = ForwardingSerializer(source="forwards", many=True, read_only=True)

    class Meta:
        model = Accident
        fields = [
            "id",
            "kind",
            "title",
            "occurred_at",
            "reported_at",
            "town",
            "sector",
            "enterprise",
            "accident_type",
            "accident_type_name",
            "deaths",
            "missing",
            "serious_injuries",
            "minor_injuries",
            "direct_loss",
            "description",
            "cause",
            "endangered",
            "trapped",
            "evacuated",
            "key_facilities_threatened",
            "grade",
            "report_late",
            "forwarding",
            "note",
        ]
        read_only_fields = ["grade", "report_late", "forwarding"]

    def get_accident_type_name(self, obj) -> str:
        return NAMES.get(obj.accident_type, "")


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccidentRevision
        fields = [
            "id",
            "kind",
            "at",
            "username",
            "before",
            "after",
            "grade_before",
            "grade_after",
            "note",
            "out_of_window",
        ]


class AccidentFilter(SelectorFilterSet):
    """The ledger page's filters (`selectors.accident_list`); `late` and `report_late` are the
    same filter (the page says one, the contract the other)."""

    select = staticmethod(selectors.accident_list)
    q = django_filters.CharFilter()
    period = django_filters.CharFilter(help_text="2024-03, 2024-Q1 or 2024")
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    grade = django_filters.ChoiceFilter(choices=Grade.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    report_late = YesNoFilter()
    late = YesNoFilter()
    accident_type = django_filters.CharFilter()
    enterprise = IdFilter()
    department = django_filters.CharFilter(help_text="department code: accidents in its sectors")

    class Meta:
        model = Accident
        fields = []

    def selector_kwargs(self, data):
        late = data.pop("late")
        data["late"] = late if late is not None else data.pop("report_late")
        data.pop("report_late", None)
        if data.get("period"):
            data["period"] = stats.period_param(data["period"])
        if data.get("accident_type"):
            try:
                data["accident_type"] = parse_accident_type(data["accident_type"])
            except DjangoValidationError:
                data["accident_type"] = "-"  # names no type: no rows
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        return {k: v for k, v in data.items() if v not in (None, "")}


class AccidentViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Accident.objects.select_related("town", "sector", "enterprise")
    serializer_class = AccidentSerializer
    filterset_class = AccidentFilter
    permission = "view"
    write_permission = "officer"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("note", None)
        serializer.instance = services.accident_report(
            actor=self.request.user, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        note = data.pop("note", "")
        serializer.instance = services.accident_update(
            actor=self.request.user, accident=serializer.instance, data=data, note=note, via="api"
        )

    def perform_destroy(self, instance):
        services.accident_delete(actor=self.request.user, accident=instance, via="api")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).prefetch_related("forwards")

    @extend_schema(request=None, responses=ForwardingSerializer)
    @action(detail=True, methods=["post"], write_permission="officer")
    def receive(self, request, pk=None):
        """An admin of the receiving city or province records that the accident reached it
        (once; a second call changes nothing). 409 when it does not go up to your level."""
        accident = self.get_object()
        entry = services.accident_receive(actor=request.user, accident=accident, via="api")
        return Response(ForwardingSerializer(entry).data)

    @extend_schema(responses=RevisionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def revisions(self, request, pk=None):
        accident = self.get_object()
        rows = selectors.revision_list(actor=request.user, accident=accident)
        return Response(RevisionSerializer(rows, many=True).data)


class _Totals(serializers.Serializer):
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    count = serializers.IntegerField()
    deaths = serializers.IntegerField()
    missing = serializers.IntegerField()
    serious_injuries = serializers.IntegerField()
    minor_injuries = serializers.IntegerField()
    direct_loss = serializers.CharField(help_text="yuan, two decimals")


class _Change(serializers.Serializer):
    count = serializers.IntegerField()
    count_pct = serializers.FloatField(allow_null=True)
    deaths = serializers.IntegerField()
    deaths_pct = serializers.FloatField(allow_null=True)


class _BySector(serializers.Serializer):
    sector = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    deaths = serializers.IntegerField()


class _ByTown(serializers.Serializer):
    town = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    deaths = serializers.IntegerField()


class _ByCounty(serializers.Serializer):
    county = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    deaths = serializers.IntegerField()


class _ByGrade(serializers.Serializer):
    general = serializers.IntegerField()
    large = serializers.IntegerField()
    major = serializers.IntegerField()
    extraordinary = serializers.IntegerField()


class AccidentStatsSerializer(_Totals):
    """The contract's accident statistics object (documentation of the response)."""

    previous = _Totals()
    change = _Change()
    by_sector = _BySector(many=True)
    by_town = _ByTown(many=True)
    by_grade = _ByGrade()
    by_county = _ByCounty(
        many=True, required=False, help_text="only when the scope holds several counties"
    )


class AccidentStatsViewSet(viewsets.ViewSet):
    """GET stats/accidents/?period=P[&town=CODE][&sector=CODE]: the statistics object."""

    permission = "view"
    write_permission = "write"

    @extend_schema(
        responses=AccidentStatsSerializer,
        parameters=[
            OpenApiParameter("period", str, required=True, description="2024-03, 2024-Q1 or 2024"),
            OpenApiParameter("town", str),
            OpenApiParameter("sector", str),
            OpenApiParameter("division", str, description="a division code in your scope"),
        ],
    )
    def list(self, request):
        params = request.query_params
        period = stats.period_param(params.get("period"))
        return Response(
            stats.accident_stats(
                actor=request.user,
                period=period,
                town=params.get("town", ""),
                sector=params.get("sector", ""),
            )
        )


def register(router) -> None:
    router.register("accidents", AccidentViewSet)
    router.register("stats/accidents", AccidentStatsViewSet, basename="accident-stats")
