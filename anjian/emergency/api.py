"""API: emergency-plans/ and drills/ per the contract's "Foundations" section, plus
drills/{id}/hazard/ (the drill's problems become a hazard)."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Sector, Town
from anjian.core import clock
from anjian.core.api import IdFilter
from anjian.core.errors import Conflict
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.emergency import selectors, services
from anjian.emergency.models import Drill, DrillForm, EmergencyPlan, PlanAttachment, PlanKind
from anjian.hazards.models import HazardGrade
from anjian.registry.models import Enterprise


class PlanSerializer(serializers.ModelSerializer):
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(), required=False, allow_null=True
    )
    unit = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="a town or department code, or `county`",
    )
    filing_late = serializers.SerializerMethodField()
    next_evaluation_due = serializers.DateField(read_only=True, allow_null=True)
    next_drill_due = serializers.DateField(read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = EmergencyPlan
        fields = [
            "id",
            "enterprise",
            "unit",
            "kind",
            "title",
            "published_on",
            "filed_on",
            "filing_number",
            "evaluated_on",
            "filing_late",
            "next_evaluation_due",
            "next_drill_due",
            "overdue",
            "revisions",
        ]
        read_only_fields = ["revisions"]

    def to_representation(self, plan):
        data = super().to_representation(plan)
        data["unit"] = None if plan.enterprise_id else plan.unit_code
        return data

    def get_filing_late(self, plan) -> bool:
        return plan.filing_late_on(clock.today())

    def get_overdue(self, plan) -> bool:
        return plan.overdue_on(clock.today())


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = PlanAttachment
        fields = ["id", "name", "size", "uploaded_at", "url"]


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField()


class PlanFilter(SelectorFilterSet):
    """The plan list page's filters: rows from `selectors.plan_list`."""

    select = staticmethod(selectors.plan_list)
    q = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices)
    unit = django_filters.CharFilter()
    town = django_filters.CharFilter()
    enterprise = IdFilter()
    overdue = YesNoFilter()

    class Meta:
        model = EmergencyPlan
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class PlanViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Plans of the caller's unit and of the units and enterprises in its jurisdiction."""

    queryset = EmergencyPlan.objects.all()
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.plan_list(actor=self.request.user)

    def get_object(self):
        return selectors.plan_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def _fresh(self, plan):
        return selectors.plan_get_for(actor=self.request.user, pk=plan.pk)

    def perform_create(self, serializer):
        plan = services.plan_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )
        serializer.instance = self._fresh(plan)

    def perform_update(self, serializer):
        plan = services.plan_update(
            actor=self.request.user,
            plan=serializer.instance,
            data=dict(serializer.validated_data),
            via="api",
        )
        serializer.instance = self._fresh(plan)

    @extend_schema(
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={200: AttachmentSerializer(many=True), 201: AttachmentSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="attachments")
    def attachments(self, request, pk=None):
        """GET: the plan's documents. POST multipart `file`: attach one (checked by content)."""
        plan = self.get_object()
        if request.method == "GET":
            return Response(AttachmentSerializer(plan.attachments.all(), many=True).data)
        data = AttachmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.plan_attach(
            actor=request.user, plan=plan, upload=data.validated_data["file"], via="api"
        )
        return Response(AttachmentSerializer(item).data, status=status.HTTP_201_CREATED)


class DrillSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="plan_id")
    participants = serializers.IntegerField(min_value=0, max_value=10_000)
    form = serializers.ChoiceField(choices=DrillForm.choices)

    class Meta:
        model = Drill
        fields = [
            "id",
            "plan",
            "held_on",
            "form",
            "participants",
            "evaluation",
            "problems",
            "hazard",
        ]
        read_only_fields = ["hazard"]


class DrillHazardSerializer(serializers.Serializer):
    deadline = serializers.DateField()
    grade = serializers.ChoiceField(choices=HazardGrade.choices, required=False)
    town = serializers.SlugRelatedField(
        slug_field="code", queryset=Town.objects.all(), required=False
    )
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False
    )
    location = serializers.CharField(required=False, max_length=200)
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(), required=False
    )


class DrillFilter(SelectorFilterSet):
    select = staticmethod(selectors.drill_list)
    plan = IdFilter()

    class Meta:
        model = Drill
        fields = []

    def selector_kwargs(self, data):
        if data.get("plan") is not None:
            data["plan"] = int(data["plan"])
        return super().selector_kwargs(data)


class DrillViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Drills held against the plans the caller may see."""

    queryset = Drill.objects.all()
    serializer_class = DrillSerializer
    filterset_class = DrillFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.drill_list(actor=self.request.user)

    def get_object(self):
        return selectors.drill_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = selectors.plan_get_for(actor=self.request.user, pk=data.pop("plan_id"))
        serializer.instance = services.drill_create(
            actor=self.request.user, plan=plan, data=data, via="api"
        )

    @extend_schema(request=DrillHazardSerializer, responses={201: None})
    @action(detail=True, methods=["post"], url_path="hazard")
    def hazard(self, request, pk=None):
        """POST {"deadline", "grade", and for a government plan "town"+"sector"+"location" or
        "enterprise"}: the drill's problems become a hazard, answered as {"hazard": id}."""
        drill = self.get_object()
        data = DrillHazardSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            hazard = services.drill_raise_hazard(
                actor=request.user, drill=drill, data=dict(data.validated_data), via="api"
            )
        except Conflict as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        return Response({"hazard": hazard.pk}, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("emergency-plans", PlanViewSet, basename="emergency-plan")
    router.register("drills", DrillViewSet, basename="drill")
