"""API: crowded-places/ (人员密集场所 and 消防安全重点单位) and fire-judgements/ (§16)."""

import django_filters
from rest_framework import mixins, serializers, viewsets

from anjian.accounts.models import Town
from anjian.core.api import IdFilter
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.hazards.models import HazardCriterion
from anjian.registry import selectors as registry_selectors

from . import selectors, services
from .models import CrowdedPlace, FireJudgement, PlaceType


class PlaceSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(
        slug_field="code", queryset=Town.objects.all(), required=False
    )
    key_category = serializers.IntegerField(
        min_value=1, max_value=11, required=False, allow_null=True
    )

    class Meta:
        model = CrowdedPlace
        fields = [
            "id",
            "name",
            "enterprise",
            "town",
            "address",
            "place_type",
            "labour_intensive",
            "crowded",
            "public_gathering",
            "key_unit",
            "key_category",
            "fire_safety_manager",
        ]
        read_only_fields = ["crowded", "public_gathering"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(
                actor=request.user
            )


class PlaceFilter(SelectorFilterSet):
    select = staticmethod(selectors.place_list)
    town = django_filters.CharFilter()
    place_type = django_filters.ChoiceFilter(choices=PlaceType.choices)
    crowded = YesNoFilter()
    key_unit = YesNoFilter()
    q = django_filters.CharFilter()

    class Meta:
        model = CrowdedPlace
        fields = []


class PlaceViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """The register: `crowded` (消防法 Art. 73) and `public_gathering` follow the place type."""

    queryset = CrowdedPlace.objects.all()
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.place_list(actor=self.request.user)

    def get_object(self):
        return selectors.place_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        serializer.instance = services.place_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )

    def perform_update(self, serializer):
        serializer.instance = services.place_update(
            actor=self.request.user,
            place=serializer.instance,
            data=dict(serializer.validated_data),
            via="api",
        )


class JudgementSerializer(serializers.ModelSerializer):
    place = serializers.IntegerField(source="place_id")
    criterion = serializers.PrimaryKeyRelatedField(
        queryset=HazardCriterion.objects.all(), required=False, allow_null=True
    )
    deadline = serializers.DateField(write_only=True, required=False)

    class Meta:
        model = FireJudgement
        fields = [
            "id",
            "place",
            "judged_on",
            "major",
            "criterion",
            "standard",
            "finding",
            "deadline",
            "hazard",
        ]
        read_only_fields = ["standard", "hazard"]


class JudgementFilter(SelectorFilterSet):
    select = staticmethod(selectors.judgement_list)
    place = IdFilter()

    class Meta:
        model = FireJudgement
        fields = []

    def selector_kwargs(self, data):
        if data.get("place") is not None:
            data["place"] = int(data["place"])
        return super().selector_kwargs(data)


class JudgementViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """重大火灾隐患 judgements, each with the GB 35181 version in force on its day."""

    queryset = FireJudgement.objects.all()
    serializer_class = JudgementSerializer
    filterset_class = JudgementFilter
    permission = "view"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.judgement_list(actor=self.request.user)

    def get_object(self):
        return selectors.judgement_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        place = selectors.place_get_for(actor=self.request.user, pk=data.pop("place_id"))
        deadline = data.pop("deadline", None)
        serializer.instance = services.judgement_create(
            actor=self.request.user, place=place, data=data, deadline=deadline, via="api"
        )


def register(router) -> None:
    router.register("crowded-places", PlaceViewSet, basename="crowded-place")
    router.register("fire-judgements", JudgementViewSet, basename="fire-judgement")
