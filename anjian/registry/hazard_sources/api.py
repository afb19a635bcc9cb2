"""API: major-hazard-sources/ (GB 18218-2018), scoped like enterprises."""

import django_filters
from rest_framework import serializers, viewsets

from anjian.core.api import IdFilter, ScopedViewSetMixin
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.registry import selectors as registry_selectors
from anjian.registry.hazard_sources import selectors, services
from anjian.registry.hazard_sources.models import MajorHazardSource


class SubstanceSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    quantity_t = serializers.FloatField()
    critical_t = serializers.FloatField(required=False, allow_null=True)
    beta = serializers.FloatField(required=False, allow_null=True)


class MajorHazardSourceSerializer(serializers.ModelSerializer):
    # The service checks and completes the lines (Q and β from the table), naming the line.
    substances = serializers.ListField(child=serializers.DictField(), allow_empty=True)
    is_major = serializers.BooleanField(read_only=True)
    review_due = serializers.DateField(read_only=True)

    class Meta:
        model = MajorHazardSource
        fields = [
            "id",
            "enterprise",
            "name",
            "unit_kind",
            "people_within_500m",
            "substances",
            "s",
            "r",
            "is_major",
            "level",
            "filed_on",
            "filing_number",
            "reviewed_on",
            "review_due",
        ]
        read_only_fields = ["s", "r", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            # Only units in the caller's scope can be named (others: "does not exist").
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(
                actor=request.user
            )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["substances"] = SubstanceSerializer(instance.substances, many=True).data
        return data


class MajorHazardSourceFilter(SelectorFilterSet):
    """The register page's filters: rows from `selectors.hazard_source_list`."""

    select = staticmethod(selectors.hazard_source_list)
    level = django_filters.ChoiceFilter(choices=[(v, v) for v in selectors.LEVELS])
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    enterprise = IdFilter()
    major = YesNoFilter()

    class Meta:
        model = MajorHazardSource
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class MajorHazardSourceViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = MajorHazardSource.objects.select_related("enterprise")
    serializer_class = MajorHazardSourceSerializer
    filterset_class = MajorHazardSourceFilter
    permission = "view"
    write_permission = "write"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = services.hazard_source_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)
        serializer.instance = services.hazard_source_update(
            actor=self.request.user, source=serializer.instance, data=data, via="api"
        )

    def perform_destroy(self, instance):
        services.hazard_source_delete(actor=self.request.user, source=instance, via="api")


def register(router) -> None:
    router.register(
        "major-hazard-sources", MajorHazardSourceViewSet, basename="major-hazard-source"
    )
