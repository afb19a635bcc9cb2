"""API: inspections/ (read + create), checklists/ and campaigns/ (read; progress), scoped."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.api import IdFilter, ScopedViewSetMixin
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.inspections import selectors, services
from anjian.inspections.draw_views import InspectionDrawViewSet
from anjian.inspections.models import (
    Campaign,
    Checklist,
    ChecklistItem,
    Inspection,
    InspectionKind,
    InspectionResult,
    Outcome,
)
from anjian.inspections.progress import ProgressRow, campaign_progress


class ChecklistItemSerializer(serializers.ModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ChecklistItem
        fields = [
            "id",
            "number",
            "clause",
            "text",
            "is_major_criterion",
            "criterion",
            "verified",
            "active",
        ]


class ChecklistSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    items = ChecklistItemSerializer(many=True, read_only=True)

    class Meta:
        model = Checklist
        fields = [
            "id",
            "code",
            "name",
            "sector",
            "standard",
            "version",
            "effective_on",
            "superseded_on",
            "active",
            "items",
        ]


class ChecklistFilter(SelectorFilterSet):
    """The checklist library page's filters: rows from `selectors.checklist_list`."""

    select = staticmethod(selectors.checklist_list)
    active = YesNoFilter()
    sector = django_filters.CharFilter()

    class Meta:
        model = Checklist
        fields = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).prefetch_related("items__criterion")


class ChecklistViewSet(viewsets.ReadOnlyModelViewSet):
    """The checklist library (the same for every user)."""

    queryset = Checklist.objects.select_related("sector").prefetch_related("items__criterion")
    serializer_class = ChecklistSerializer
    permission = "view"
    write_permission = "write"
    filterset_class = ChecklistFilter


class ResultSerializer(serializers.ModelSerializer):
    item = serializers.PrimaryKeyRelatedField(queryset=ChecklistItem.objects.all())
    outcome = serializers.ChoiceField(choices=Outcome.choices)

    class Meta:
        model = InspectionResult
        fields = ["item", "item_text", "outcome", "note", "hazard"]
        read_only_fields = ["item_text", "hazard"]


class InspectionSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.CharField(source="unit_name", read_only=True)
    results = ResultSerializer(many=True)
    hazard_deadline = serializers.DateField(
        write_only=True,
        required=False,
        allow_null=True,
        help_text=_("Deadline of the hazards registered for the problems found."),
    )
    hazards = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "kind",
            "enterprise",
            "town",
            "sector",
            "checklist",
            "campaign",
            "inspected_on",
            "inspectors",
            "unit",
            "summary",
            "results",
            "hazard_deadline",
            "hazards",
        ]
        read_only_fields = ["kind"]
        extra_kwargs = {"inspectors": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            from anjian.registry.selectors import enterprise_list

            # Only enterprises in the caller's scope can be named (others: "does not exist").
            self.fields["enterprise"].queryset = enterprise_list(actor=request.user)
            self.fields["campaign"].queryset = selectors.campaign_list(actor=request.user)

    def get_hazards(self, obj) -> list[int]:
        return [r.hazard_id for r in obj.results.all() if r.hazard_id]


class InspectionFilter(SelectorFilterSet):
    """The inspection list page's filters: rows from `selectors.inspection_list`."""

    select = staticmethod(selectors.inspection_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices)
    enterprise = IdFilter()
    campaign = IdFilter()
    checklist = IdFilter()
    inspected_after = django_filters.DateFilter()
    inspected_before = django_filters.DateFilter()

    class Meta:
        model = Inspection
        fields = []

    def selector_kwargs(self, data):
        for name in ("enterprise", "campaign", "checklist"):
            if data.get(name) is not None:
                data[name] = int(data[name])
        return super().selector_kwargs(data)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).prefetch_related("results")


class InspectionViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Inspection.objects.select_related(
        "enterprise", "town", "sector", "unit_town", "unit_department"
    ).prefetch_related("results")
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilter
    permission = "view"
    write_permission = "write"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        results = data.pop("results")
        deadline = data.pop("hazard_deadline", None)
        serializer.instance = services.inspection_create(
            actor=self.request.user, data=data, results=results, hazard_deadline=deadline, via="api"
        )


class ProgressRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    targets = serializers.IntegerField()
    inspected = serializers.IntegerField()
    pending = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    self_checked = serializers.IntegerField()
    hazards = serializers.IntegerField()
    major = serializers.IntegerField()
    closed = serializers.IntegerField()
    overdue = serializers.IntegerField()


class CampaignSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    towns = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "kind",
            "sectors",
            "towns",
            "starts_on",
            "ends_on",
            "checklist",
            "description",
        ]


class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    """Campaigns with a target in the caller's jurisdiction; `progress/` is the caller's part."""

    serializer_class = CampaignSerializer
    permission = "view"
    write_permission = "write"
    queryset = Campaign.objects.all()

    def get_queryset(self):
        return selectors.campaign_list(actor=self.request.user).prefetch_related("sectors", "towns")

    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        campaign = self.get_object()
        progress = campaign_progress(actor=request.user, campaign=campaign)

        def rows(items: list[ProgressRow]):
            return ProgressRowSerializer(items, many=True).data

        return Response(
            {
                "campaign": campaign.pk,
                "on": progress.on,
                "total": ProgressRowSerializer(progress.total).data,
                "by_town": rows(progress.by_town),
                "by_department": rows(progress.by_department),
                "not_started": {
                    "towns": [r.code for r in progress.towns_not_started],
                    "departments": [r.code for r in progress.departments_not_started],
                },
            }
        )


def register(router) -> None:
    router.register("inspections", InspectionViewSet)
    router.register("checklists", ChecklistViewSet)
    router.register("campaigns", CampaignViewSet)
    router.register("inspection-draws", InspectionDrawViewSet, basename="inspection-draw")
