"""API: watch-list/, fireworks-cases/ (打非, with one POST per step), fireworks-exits/ (转产/退出),
firing-rules/ and fireworks-licences/ (contract "Key sectors and public reports"; §13)."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Town
from anjian.core.api import Conflict as ApiConflict
from anjian.core.errors import Conflict
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.core.scoping import scope_queryset
from anjian.registry.models import Enterprise, Licence

from . import selectors, services, watch
from .models import CaseKind, CaseStatus, Conversion, FireworksCase, FiringRule

REASONS = ["licence_expired", "overhead_pond", "dangerous_pond", "converted_follow_up"]


class WatchRowSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise.pk")
    enterprise_name = serializers.CharField(source="enterprise.name")
    reason = serializers.CharField()
    since = serializers.DateField()
    last_inspection = serializers.DateField(allow_null=True)
    inspection_due = serializers.DateField()
    overdue = serializers.BooleanField()


class WatchQuery(serializers.Serializer):
    reason = serializers.ChoiceField(choices=REASONS, required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)


class WatchListViewSet(viewsets.ViewSet):
    """Units under watch with their next unannounced check: `licence_expired` (a fireworks unit
    still operating or suspended whose licences have all expired: monthly, weekly from 腊月 to
    正月十五), `converted_follow_up` (quarterly for a year after 转产/退出), and the sources the
    other apps add (`anjian.hooks.WATCH_LIST_SOURCES`)."""

    permission = "officer"
    write_permission = "county_admin"  # no writes: the list is computed

    @extend_schema(
        parameters=[WatchQuery], responses=WatchRowSerializer(many=True), operation_id="watch_list"
    )
    def list(self, request):
        query = WatchQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = watch.watch_list(
            actor=request.user,
            reason=query.validated_data.get("reason", ""),
            overdue=query.validated_data.get("overdue"),
        )
        return Response(WatchRowSerializer(rows, many=True).data)


def _run(call):
    try:
        return call()
    except Conflict as exc:
        raise ApiConflict(exc.message) from exc


class CaseSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", queryset=Town.objects.all())
    verify_due = serializers.SerializerMethodField()

    class Meta:
        model = FireworksCase
        fields = [
            "id", "clue_source", "received_at", "town", "place", "kind", "description",
            "transferred_to", "verified_at", "found", "seized", "penalty",
            "referred_to_police", "destroyed_at", "result", "status", "verify_due",
        ]  # fmt: skip
        read_only_fields = [
            "transferred_to", "verified_at", "found", "seized", "penalty",
            "referred_to_police", "destroyed_at", "result", "status",
        ]  # fmt: skip

    def get_verify_due(self, case) -> str:
        return selectors.verify_due(case).isoformat()


class CaseFilter(SelectorFilterSet):
    select = staticmethod(selectors.case_list)
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices)
    kind = django_filters.ChoiceFilter(choices=CaseKind.choices)
    town = django_filters.CharFilter()

    class Meta:
        model = FireworksCase
        fields = []


class TransferInput(serializers.Serializer):
    to = serializers.CharField(max_length=40)


class VerifyInput(serializers.Serializer):
    found = serializers.BooleanField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class HandleInput(serializers.Serializer):
    seized = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    penalty = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=100_000_000, default=0
    )
    referred_to_police = serializers.BooleanField(default=False)


class CloseInput(serializers.Serializer):
    result = serializers.CharField(max_length=2000)


class EmptyInput(serializers.Serializer):
    pass


class FireworksCaseViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """打非 cases: clue → transfer → verify → handle → seal → destroy → close. A step from the
    wrong status is a 409."""

    queryset = FireworksCase.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    permission = "officer"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.case_list(actor=self.request.user)

    def get_object(self):
        return selectors.case_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        serializer.instance = services.case_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )

    def _step(self, request, pk, name, input_class):
        case = selectors.case_get_for(actor=request.user, pk=pk)
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        case = _run(
            lambda: services.case_act(
                actor=request.user, case=case, action=name, data=dict(data.validated_data),
                via="api",
            )
        )  # fmt: skip
        return Response(CaseSerializer(case).data)

    @extend_schema(request=TransferInput, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        return self._step(request, pk, "transfer", TransferInput)

    @extend_schema(request=VerifyInput, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._step(request, pk, "verify", VerifyInput)

    @extend_schema(request=HandleInput, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def handle(self, request, pk=None):
        return self._step(request, pk, "handle", HandleInput)

    @extend_schema(request=None, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def seal(self, request, pk=None):
        return self._step(request, pk, "seal", EmptyInput)

    @extend_schema(request=None, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def destroy_goods(self, request, pk=None):
        return self._step(request, pk, "destroy", EmptyInput)

    @extend_schema(request=CloseInput, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(request, pk, "close", CloseInput)


class ConversionSerializer(serializers.ModelSerializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.none())

    class Meta:
        model = Conversion
        fields = ["id", "enterprise", "kind", "on", "licences_cancelled", "stock_disposal",
                  "workshops"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["enterprise"].queryset = scope_queryset(
                Enterprise.objects.filter(sector__code="fireworks"), request.user
            )


class ConversionViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """转产/退出 of fireworks plants; each is followed up quarterly for a year."""

    queryset = Conversion.objects.all()
    serializer_class = ConversionSerializer
    permission = "officer"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.conversion_list(actor=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.conversion_record(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )


class FiringRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = FiringRule
        fields = ["id", "kind", "area", "starts_on", "ends_on", "hours", "note"]


class FiringRuleViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The county's firing rules (禁放/限放 areas and times, Art. 28), shown on the calendar."""

    queryset = FiringRule.objects.all()
    serializer_class = FiringRuleSerializer
    permission = "view"
    write_permission = "county_admin"

    def get_queryset(self):
        return selectors.firing_rules()

    def perform_create(self, serializer):
        serializer.instance = services.firing_rule_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )


class FireworksLicenceSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Licence
        fields = ["id", "enterprise", "enterprise_name", "kind", "number", "issued_on",
                  "expires_on"]  # fmt: skip


class LicenceFilter(SelectorFilterSet):
    select = staticmethod(selectors.licence_list)
    expiring = YesNoFilter()

    class Meta:
        model = Licence
        fields = []


class FireworksLicenceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Licences of fireworks units (written through registry `licences/`); `?expiring=1`: within
    the alert window (90 days by default)."""

    queryset = Licence.objects.all()
    serializer_class = FireworksLicenceSerializer
    filterset_class = LicenceFilter
    permission = "view"
    write_permission = "county_admin"

    def get_queryset(self):
        return selectors.licence_list(actor=self.request.user)


def register(router) -> None:
    router.register("watch-list", WatchListViewSet, basename="watch-list")
    router.register("fireworks-cases", FireworksCaseViewSet, basename="fireworks-case")
    router.register("fireworks-exits", ConversionViewSet, basename="fireworks-exit")
    router.register("firing-rules", FiringRuleViewSet, basename="firing-rule")
    router.register("fireworks-licences", FireworksLicenceViewSet, basename="fireworks-licence")
