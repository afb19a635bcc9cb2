"""API: hazards/ and hazards/{id}/transitions/ (the contract), plus extensions and evidence."""

import django_filters
from django.utils.translation import gettext as _
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from anjian.accounts.models import Sector, Town
from anjian.core.api import IdFilter, ScopedViewSetMixin
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.registry.selectors import enterprise_list

from . import selectors, services, workflow
from .models import (
    PLAN_FIELDS,
    Hazard,
    HazardCriterion,
    HazardExtension,
    HazardGrade,
    HazardSource,
    HazardStatus,
    HazardTransition,
)


class HazardSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(
        slug_field="code", queryset=Town.objects.all(), required=False
    )
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False
    )
    criterion = serializers.SlugRelatedField(
        slug_field="code", allow_null=True, required=False, queryset=HazardCriterion.objects.all()
    )
    overdue = serializers.BooleanField(read_only=True)
    supervised = serializers.BooleanField(read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Hazard
        fields = [
            "id",
            "enterprise",
            "town",
            "sector",
            "location",
            "description",
            "grade",
            "criterion",
            "criterion_standard",
            "found_on",
            "found_by",
            "source",
            "deadline",
            "original_deadline",
            "status",
            "overdue",
            "supervised",
            "responsible_person",
            "measures",
            "funds",
            "contingency_plan",
            *PLAN_FIELDS,
            "closed_at",
        ]
        read_only_fields = ["original_deadline", "criterion_standard", "closed_at"]
        extra_kwargs = {"source": {"required": False}, "grade": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            # Only units in the caller's scope can be named (others: "does not exist").
            self.fields["enterprise"].queryset = enterprise_list(actor=request.user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            # Where the hazard is and who found it are fixed once registered.
            for name in ("enterprise", "town", "sector", "source", "deadline"):
                self.fields[name].read_only = True


class TransitionSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name", read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = HazardTransition
        fields = ["id", "action", "from_status", "to_status", "actor", "at", "comment", "evidence"]

    def get_evidence(self, obj) -> list[dict]:
        return [
            {"id": e.pk, "name": e.name, "kind": e.kind, "url": e.get_absolute_url()}
            for e in obj.evidence.all()
        ]


class TransitionInputSerializer(serializers.Serializer):
    action = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_action(self, value):
        if value not in workflow.ACTIONS:
            raise serializers.ValidationError(
                _("Unknown action; use one of: %(actions)s.")
                % {"actions": ", ".join(workflow.ACTIONS)}
            )
        return value


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = HazardExtension
        fields = [
            "id",
            "previous_deadline",
            "new_deadline",
            "reason",
            "status",
            "requested_at",
            "decided_at",
            "decision_comment",
        ]
        read_only_fields = [
            "previous_deadline",
            "status",
            "requested_at",
            "decided_at",
            "decision_comment",
        ]


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class HazardFilter(SelectorFilterSet):
    """The hazard list page's filters: rows from `selectors.hazard_list`, like the page's."""

    select = staticmethod(selectors.hazard_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    status = django_filters.ChoiceFilter(choices=HazardStatus.choices)
    grade = django_filters.ChoiceFilter(choices=HazardGrade.choices)
    source = django_filters.ChoiceFilter(choices=HazardSource.choices)
    supervised = YesNoFilter()
    overdue = YesNoFilter()
    enterprise = IdFilter()
    department = django_filters.CharFilter(help_text="department code: hazards in its sectors")
    found = django_filters.CharFilter(help_text="found within 2024-03, 2024-Q1 or 2024")

    class Meta:
        model = Hazard
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        if data.get("found"):
            data["found"] = selectors.found_period(data["found"])
        return super().selector_kwargs(data)


def _conflict(exc: services.TransitionNotAllowed) -> Response:
    return Response(
        {"detail": exc.message or str(exc), "status": exc.status}, status=status.HTTP_409_CONFLICT
    )


class HazardViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Hazard.objects.select_related("enterprise", "town", "sector", "criterion")
    serializer_class = HazardSerializer
    filterset_class = HazardFilter
    permission = "view"
    write_permission = "write"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.hazard_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )

    def perform_update(self, serializer):
        serializer.instance = services.hazard_update(
            actor=self.request.user,
            hazard=serializer.instance,
            data=dict(serializer.validated_data),
            via="api",
        )

    def update(self, request, *args, **kwargs):
        try:
            return super().update(request, *args, **kwargs)
        except services.TransitionNotAllowed as exc:
            return _conflict(exc)

    @action(detail=True, methods=["get", "post"], url_path="transitions")
    def transitions(self, request, pk=None):
        """GET: the history. POST {"action", "comment"} (+ files "evidence"): one step."""
        hazard = self.get_object()
        if request.method == "GET":
            history = selectors.hazard_history(hazard=hazard)
            return Response(TransitionSerializer(history, many=True).data)
        data = TransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            step = workflow.hazard_transition(
                actor=request.user,
                hazard=hazard,
                action=data.validated_data["action"],
                comment=data.validated_data["comment"],
                evidence=request.FILES.getlist("evidence"),
                via="api",
            )
        except services.TransitionNotAllowed as exc:
            return _conflict(exc)
        body = TransitionSerializer(step).data
        body["status"] = step.to_status
        body["hazard"] = hazard.pk
        return Response(body, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get", "post"], url_path="extensions")
    def extensions(self, request, pk=None):
        """GET: the extension requests. POST {"new_deadline", "reason"}: ask for one."""
        hazard = self.get_object()
        if request.method == "GET":
            return Response(ExtensionSerializer(hazard.extensions.all(), many=True).data)
        data = ExtensionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            ext = workflow.hazard_extension_request(
                actor=request.user,
                hazard=hazard,
                via="api",
                new_deadline=data.validated_data["new_deadline"],
                reason=data.validated_data["reason"],
            )
        except services.TransitionNotAllowed as exc:
            return _conflict(exc)
        return Response(ExtensionSerializer(ext).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path=r"extensions/(?P<extension_id>\d+)/decide")
    def decide_extension(self, request, pk=None, extension_id=None):
        """POST {"approve": true|false, "comment"}: the government side decides."""
        hazard = self.get_object()
        extension = hazard.extensions.filter(pk=extension_id).first()
        if extension is None:
            raise ApiValidationError({"extension": [_("No such extension request.")]})
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            ext = workflow.hazard_extension_decide(
                actor=request.user, extension=extension, via="api", **data.validated_data
            )
        except services.TransitionNotAllowed as exc:
            return _conflict(exc)
        return Response(ExtensionSerializer(ext).data)


def register(router) -> None:
    router.register("hazards", HazardViewSet)
