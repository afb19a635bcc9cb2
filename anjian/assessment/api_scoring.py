"""API of the annual assessment: assessment/schemes/, assessment/targets/,
assessment/results/ and its publish/ and correct/ actions."""

from __future__ import annotations

from contextlib import contextmanager

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.units import Unit, UnitKind
from anjian.assessment import results, scoring_services
from anjian.assessment.models import AssessmentScheme, AssessmentTarget
from anjian.core import clock
from anjian.core.api import Conflict
from anjian.core.errors import Conflict as ServiceConflict
from anjian.core.scoping import scope_queryset


@contextmanager
def _conflicts():
    try:
        yield
    except ServiceConflict as exc:
        raise Conflict(exc.message) from exc


class YearField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=2000, max_value=2100, **kwargs)


class SchemeItemSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    max_points = serializers.FloatField(min_value=0, max_value=100)
    indicator = serializers.CharField(max_length=40, allow_null=True, required=False)
    params = serializers.DictField(child=serializers.FloatField(), required=False)


class SchemeSerializer(serializers.ModelSerializer):
    year = YearField()
    items = SchemeItemSerializer(many=True, allow_empty=False)
    published = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentScheme
        fields = ["year", "items", "published", "updated_at"]
        read_only_fields = ["updated_at"]

    def get_published(self, obj) -> bool:
        return results.publication(obj.year) is not None


class SchemeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """A year's scoring scheme (the default of domain-rules §7 exists for the current year);
    the county admin edits it until the year is published."""

    queryset = AssessmentScheme.objects.none()
    serializer_class = SchemeSerializer
    permission = "government"
    write_permission = "county_admin"
    lookup_field = "year"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action == "list":
            scoring_services.scheme_get_or_default(clock.today().year)
        return AssessmentScheme.objects.all()

    def get_object(self):
        if len(self.kwargs.get("year", "")) != 4:  # no scheme outside 2000–2100
            raise Http404
        return super().get_object()

    def _save(self, serializer):
        data = serializer.validated_data
        items = [
            {**i, "indicator": i.get("indicator"), "params": i.get("params") or {}}
            for i in data["items"]
        ]
        with _conflicts():
            serializer.instance = scoring_services.scheme_save(
                actor=self.request.user, year=data["year"], items=items, via="api"
            )

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        if (
            serializer.validated_data.get("year", serializer.instance.year)
            != serializer.instance.year
        ):
            raise serializers.ValidationError({"year": [_("A scheme stays with its year.")]})
        serializer.validated_data["year"] = serializer.instance.year
        serializer.validated_data.setdefault("items", serializer.instance.items)
        self._save(serializer)


class TargetSerializer(serializers.ModelSerializer):
    year = YearField()
    unit = serializers.CharField(max_length=40, help_text="town or department code")
    max_accidents = serializers.IntegerField(min_value=0, max_value=100000)
    max_deaths = serializers.IntegerField(min_value=0, max_value=100000)

    class Meta:
        model = AssessmentTarget
        fields = ["id", "year", "unit", "max_accidents", "max_deaths"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["unit"] = instance.unit.code
        return data

    def validate_unit(self, value):
        try:
            unit = Unit.from_code(value)
        except DjangoValidationError:  # no such town or department
            unit = None
        if unit is None or unit.kind not in (UnitKind.TOWN, UnitKind.DEPARTMENT):
            raise serializers.ValidationError(_("Give a town or department code."))
        return unit


class TargetFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(min_value=2000, max_value=2100)

    class Meta:
        model = AssessmentTarget
        fields = []


class TargetViewSet(viewsets.ModelViewSet):
    """Control targets (控制指标) per town and department and year: county admin writes (a
    second POST for the same unit and year changes it), an officer reads its own."""

    queryset = AssessmentTarget.objects.none()
    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    permission = "government"
    write_permission = "county_admin"

    def get_queryset(self):
        return scope_queryset(
            AssessmentTarget.objects.select_related("town", "department"), self.request.user
        )

    def _save(self, serializer, instance=None):
        data = serializer.validated_data
        with _conflicts():
            serializer.instance = scoring_services.target_set(
                actor=self.request.user,
                year=data.get("year", instance.year if instance else None),
                unit=data.get("unit", instance.unit if instance else None),
                max_accidents=data.get(
                    "max_accidents", instance.max_accidents if instance else None
                ),
                max_deaths=data.get("max_deaths", instance.max_deaths if instance else None),
                via="api",
            )

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        instance = serializer.instance
        data = serializer.validated_data
        if data.get("year", instance.year) != instance.year or (
            "unit" in data and data["unit"] != instance.unit
        ):
            raise serializers.ValidationError(
                {"unit": [_("A target stays with its unit and year.")]}
            )
        self._save(serializer, instance)

    def perform_destroy(self, instance):
        with _conflicts():
            scoring_services.target_delete(actor=self.request.user, target=instance, via="api")


_ROW = inline_serializer(
    "AssessmentResult",
    {
        "unit": inline_serializer(
            "AssessedUnit",
            {
                "kind": serializers.CharField(),
                "code": serializers.CharField(),
                "name": serializers.CharField(),
            },
        ),
        "score": serializers.FloatField(),
        "grade": serializers.ChoiceField(choices=["excellent", "good", "pass", "fail"]),
        "vetoed": serializers.BooleanField(required=False),
        "vetoes": serializers.ListField(child=serializers.DictField(), required=False),
        "rank": serializers.IntegerField(),
        "items": serializers.ListField(child=serializers.DictField(), required=False),
    },
    many=True,
)


class YearQuery(serializers.Serializer):
    year = YearField(required=False)


class YearBody(serializers.Serializer):
    year = YearField()


class CorrectionBody(serializers.Serializer):
    year = YearField()
    reason = serializers.CharField(max_length=2000)


def _year(request) -> int:
    query = YearQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("year") or clock.today().year


class ResultViewSet(viewsets.ViewSet):
    """One row per town and department; live until the year is published, frozen after."""

    permission = "government"
    write_permission = "county_admin"

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="the year (default: this year)")],
        responses=_ROW,
    )
    def list(self, request):
        rows, _published = results.results_for(actor=request.user, year=_year(request))
        return Response(rows)

    @extend_schema(
        request=YearBody,
        responses={
            201: inline_serializer(
                "Publication",
                {"year": serializers.IntegerField(), "version": serializers.IntegerField()},
            )
        },
    )
    @action(detail=False, methods=["post"])
    def publish(self, request):
        body = YearBody(data=request.data)
        body.is_valid(raise_exception=True)
        with _conflicts():
            published = scoring_services.results_publish(
                actor=request.user, year=body.validated_data["year"], via="api"
            )
        return Response(
            {"year": published.year, "version": published.version}, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=CorrectionBody,
        responses={
            201: inline_serializer(
                "Correction",
                {"year": serializers.IntegerField(), "version": serializers.IntegerField()},
            )
        },
    )
    @action(detail=False, methods=["post"])
    def correct(self, request):
        body = CorrectionBody(data=request.data)
        body.is_valid(raise_exception=True)
        with _conflicts():
            published = scoring_services.results_correct(
                actor=request.user,
                year=body.validated_data["year"],
                reason=body.validated_data["reason"],
                via="api",
            )
        return Response(
            {"year": published.year, "version": published.version}, status=status.HTTP_201_CREATED
        )


def register(router) -> None:
    router.register("assessment/schemes", SchemeViewSet, basename="assessment-scheme")
    router.register("assessment/targets", TargetViewSet, basename="assessment-target")
    router.register("assessment/results", ResultViewSet, basename="assessment-result")
