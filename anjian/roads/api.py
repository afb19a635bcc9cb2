"""API: road-sections/ (危险路段, closed by joint acceptance) and school-bus-routes/ (§17)."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Department, Town
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.hazards.models import HazardStatus

from . import selectors, services
from .models import RoadSection, SchoolBusRoute, SectionKind


class SectionSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", queryset=Town.objects.all())
    owner = serializers.SlugRelatedField(slug_field="code", queryset=Department.objects.all())
    police = serializers.SlugRelatedField(slug_field="code", queryset=Department.objects.all())
    from_km = serializers.DecimalField(max_digits=8, decimal_places=3, min_value=0, max_value=10000)
    to_km = serializers.DecimalField(max_digits=8, decimal_places=3, min_value=0, max_value=10000)
    deadline = serializers.DateField(write_only=True, help_text="the hazard's deadline")
    status = serializers.CharField(source="hazard.status", read_only=True)
    signed_by = serializers.SerializerMethodField()

    class Meta:
        model = RoadSection
        fields = [
            "id",
            "town",
            "road",
            "from_km",
            "to_km",
            "kind",
            "owner",
            "police",
            "hazard",
            "deadline",
            "status",
            "signed_by",
        ]
        read_only_fields = ["hazard"]

    def get_signed_by(self, section) -> list[str]:
        return [s.department.code for s in section.signoffs.all()]


class SectionFilter(SelectorFilterSet):
    select = staticmethod(selectors.section_list)
    town = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=SectionKind.choices)
    owner = django_filters.CharFilter()
    open = YesNoFilter()
    status = django_filters.ChoiceFilter(choices=HazardStatus.choices)

    class Meta:
        model = RoadSection
        fields = []


class SignOffSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True)


class SectionViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Dangerous road sections in the caller's jurisdiction; each tracked by its hazard."""

    queryset = RoadSection.objects.all()
    serializer_class = SectionSerializer
    filterset_class = SectionFilter
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.section_list(actor=self.request.user).prefetch_related(
            "signoffs__department"
        )

    def get_object(self):
        return selectors.section_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        deadline = data.pop("deadline")
        serializer.instance = services.section_create(
            actor=self.request.user, data=data, deadline=deadline, via="api"
        )

    @extend_schema(request=SignOffSerializer, responses={200: SectionSerializer})
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, pk=None):
        """Joint acceptance: the owning department and the traffic police each sign; the
        second signature closes the hazard. 409 before the rectification is submitted."""
        section = self.get_object()
        data = SignOffSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.section_sign_off(
                actor=request.user,
                section=section,
                comment=data.validated_data.get("comment", ""),
                via="api",
            )
        except services.NotAwaitingAcceptance as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        fresh = selectors.section_get_for(actor=request.user, pk=section.pk)
        return Response(SectionSerializer(fresh).data)


class SegmentSerializer(serializers.Serializer):
    road = serializers.CharField(max_length=100)
    from_km = serializers.FloatField()
    to_km = serializers.FloatField()


class RouteSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", queryset=Town.objects.all())
    segments = serializers.ListField(child=serializers.DictField(), allow_empty=False)
    crossings = serializers.SerializerMethodField()
    flagged = serializers.SerializerMethodField()

    class Meta:
        model = SchoolBusRoute
        fields = ["id", "name", "town", "operator", "segments", "crossings", "flagged"]

    def get_crossings(self, route) -> list[int]:
        return selectors.crossings(route)

    def get_flagged(self, route) -> bool:
        return bool(selectors.crossings(route))


class RouteViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """School bus routes; `flagged` when a segment crosses an open dangerous section."""

    queryset = SchoolBusRoute.objects.all()
    serializer_class = RouteSerializer
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.route_list(actor=self.request.user)

    def get_object(self):
        return selectors.route_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        serializer.instance = services.route_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )


def register(router) -> None:
    router.register("road-sections", SectionViewSet, basename="road-section")
    router.register("school-bus-routes", RouteViewSet, basename="school-bus-route")
