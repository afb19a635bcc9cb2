"""API: public-reports/ (contract v2). POST and track/{code}/ without login (throttled per
address); the rest for the county admin and the handling unit."""

import django_filters
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Sector, Town
from anjian.core.api import Conflict as ApiConflict
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.fireworks.models import CaseKind
from anjian.registry.selectors import enterprise_list

from . import selectors, services
from .models import CONTENT_MAX, Finding, PublicReport, ReportStatus, RewardBasis
from .throttling import SubmitThrottle, TrackThrottle


class SubmitSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=CONTENT_MAX)
    town = serializers.SlugRelatedField(slug_field="code", queryset=Town.objects.all())
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    enterprise_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    contact_name = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default=""
    )
    contact_phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default=""
    )
    anonymous = serializers.BooleanField(required=False, default=False)


class TrackSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicReport
        fields = ["status", "received_at", "result"]


LIST_FIELDS = [
    "id",
    "received_at",
    "town",
    "place",
    "enterprise_name",
    "status",
    "sector",
    "handler",
    "anonymous",
    "accepted_at",
    "verify_due",
    "extended",
    "verified_at",
    "finding",
    "feedback_due",
    "overdue",
    "reward_basis",
    "reward_amount",
    "closed_at",
    "hazard",
    "fireworks_case",
]


class ReportSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    handler = serializers.SerializerMethodField()
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = PublicReport
        fields = LIST_FIELDS
        read_only_fields = LIST_FIELDS

    def get_handler(self, obj) -> str:
        if obj.handler_town_id:
            return obj.handler_town.code
        if obj.handler_department_id:
            return obj.handler_department.code
        return "county"


class ReportDetailSerializer(ReportSerializer):
    """One report, with the reporter (its reading is audited)."""

    class Meta(ReportSerializer.Meta):
        fields = [
            *LIST_FIELDS,
            "content",
            "contact_name",
            "contact_phone",
            "reject_reason",
            "extension_reason",
            "verify_note",
            "result",
        ]
        read_only_fields = fields


class AcceptSerializer(serializers.Serializer):
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False, allow_null=True
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class TransferSerializer(serializers.Serializer):
    to = serializers.CharField(max_length=40)


class VerifySerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=Finding.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RewardSerializer(serializers.Serializer):
    basis = serializers.ChoiceField(choices=RewardBasis.choices)
    fine = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    deaths = serializers.IntegerField(required=False, min_value=1, max_value=1000)
    grade = serializers.ChoiceField(
        choices=["general", "large", "major", "extraordinary"], required=False
    )


class CloseSerializer(serializers.Serializer):
    result = serializers.CharField(max_length=2000)


class HazardSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=2000)
    deadline = serializers.DateField()
    grade = serializers.ChoiceField(choices=["general", "major"], required=False, default="general")
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=PublicReport.objects.none(), required=False, allow_null=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["enterprise"].queryset = enterprise_list(actor=request.user)


class ReportFilter(SelectorFilterSet):
    select = staticmethod(selectors.public_report_list)
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    overdue = YesNoFilter()

    class Meta:
        model = PublicReport
        fields = []


def _run(call):
    try:
        return call()
    except services.ReportConflict as exc:
        raise ApiConflict(exc.message) from exc


class PublicReportViewSet(viewsets.GenericViewSet):
    """Reads: the county admin and the handling unit. POST (create) and track: anyone."""

    queryset = PublicReport.objects.select_related(
        "town", "sector", "handler_town", "handler_department"
    )
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    permission = "officer"
    write_permission = "public"

    def get_throttles(self):
        if self.action == "create":
            return [SubmitThrottle()]
        if self.action == "track":
            return [TrackThrottle()]
        return super().get_throttles()

    def get_serializer_class(self):
        if self.action == "create":
            return SubmitSerializer
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    def get_queryset(self):
        return selectors.public_report_list(actor=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ReportSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        report = selectors.public_report_get_for(actor=request.user, pk=pk)
        services.public_report_reporter_view(actor=request.user, report=report, via="api")
        return Response(ReportDetailSerializer(report).data)

    def create(self, request):
        """File a report without logging in → `{"tracking_code"}`."""
        data = SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.public_report_submit(data=data.validated_data, via="api")
        return Response({"tracking_code": report.tracking_code}, status=status.HTTP_201_CREATED)

    @action(
        detail=False,
        methods=["get"],
        url_path=r"track/(?P<code>[A-Za-z0-9]{1,32})",
        permission="public",
        filterset_class=None,
        pagination_class=None,
    )
    def track(self, request, code=None):
        """Status, received_at and result: nothing about the reporter or the handling unit."""
        return Response(TrackSerializer(selectors.public_report_track(code=code)).data)

    def _act(self, request, pk, serializer_class, call):
        report = selectors.public_report_get_for(actor=request.user, pk=pk)
        data = serializer_class(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        result = _run(lambda: call(report, data.validated_data))
        report.refresh_from_db()
        return result, report

    def _answer(self, report):
        return Response(ReportSerializer(report).data)

    @action(detail=True, methods=["post"], write_permission="officer")
    def accept(self, request, pk=None):
        _r, report = self._act(
            request,
            pk,
            AcceptSerializer,
            lambda r, d: services.public_report_accept(
                actor=request.user, report=r, sector=d.get("sector"), via="api"
            ),
        )
        return self._answer(report)

    @action(detail=True, methods=["post"], write_permission="officer")
    def reject(self, request, pk=None):
        _r, report = self._act(
            request,
            pk,
            ReasonSerializer,
            lambda r, d: services.public_report_reject(
                actor=request.user, report=r, reason=d["reason"], via="api"
            ),
        )
        return self._answer(report)

    @action(detail=True, methods=["post"], write_permission="officer")
    def transfer(self, request, pk=None):
        _r, report = self._act(
            request,
            pk,
            TransferSerializer,
            lambda r, d: services.public_report_transfer(
                actor=request.user, report=r, to=d["to"], via="api"
            ),
        )
        return self._answer(report)

    @action(detail=True, methods=["post"], write_permission="officer")
    def extend(self, request, pk=None):
        _r, report = self._act(
            request,
            pk,
            ReasonSerializer,
            lambda r, d: services.public_report_extend(
                actor=request.user, report=r, reason=d["reason"], via="api"
            ),
        )
        return self._answer(report)

    @action(detail=True, methods=["post"], write_permission="officer")
    def verify(self, request, pk=None):
        _r, report = self._act(
            request,
            pk,
            VerifySerializer,
            lambda r, d: services.public_report_verify(
                actor=request.user, report=r, finding=d["finding"], note=d["note"], via="api"
            ),
        )
        return self._answer(report)

    @action(detail=True, methods=["post"], write_permission="officer")
    def reward(self, request, pk=None):
        """`{"basis": "fine", "fine"}` or `{"basis": "concealed_deaths", "deaths", "grade"}`
        → `{"amount"}` (domain rules §15)."""
        _r, report = self._act(
            request,
            pk,
            RewardSerializer,
            lambda r, d: services.public_report_reward(
                actor=request.user, report=r, via="api", **d
            ),
        )
        return Response({"amount": str(report.reward_amount)})

    @action(detail=True, methods=["post"], write_permission="officer")
    def close(self, request, pk=None):
        _r, report = self._act(
            request,
            pk,
            CloseSerializer,
            lambda r, d: services.public_report_close(
                actor=request.user, report=r, result=d["result"], via="api"
            ),
        )
        return self._answer(report)

    @action(detail=True, methods=["post"], write_permission="officer")
    def hazard(self, request, pk=None):
        """Turn a report found true into a hazard (source `public_report`) → `{"hazard"}`."""
        hazard, _report = self._act(
            request,
            pk,
            HazardSerializer,
            lambda r, d: services.public_report_make_hazard(
                actor=request.user, report=r, via="api", **d
            ),
        )
        return Response({"hazard": hazard.pk}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], write_permission="officer", url_path="fireworks-case")
    def fireworks_case(self, request, pk=None):
        """Turn a report found true into a 打非 case (clue source 12350) → `{"fireworks_case"}`."""
        case, _report = self._act(
            request,
            pk,
            FireworksCaseInput,
            lambda r, d: services.public_report_make_fireworks_case(
                actor=request.user, report=r, via="api", **d
            ),
        )
        return Response({"fireworks_case": case.pk}, status=status.HTTP_201_CREATED)


class FireworksCaseInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CaseKind.choices)
    description = serializers.CharField(max_length=2000)


def register(router) -> None:
    router.register("public-reports", PublicReportViewSet, basename="public-report")
