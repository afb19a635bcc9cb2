"""API: funds/ per the contract's "Foundations" section (amounts in yuan), plus
funds/{id}/allocations/ (add one) and funds/{id}/spending/ (a payment with its voucher)."""

from decimal import Decimal

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.filters import SelectorFilterSet
from anjian.funds import selectors, services
from anjian.funds.models import MAX_AMOUNT, Fund, Project, Spending

MONEY = {
    "max_digits": 12,
    "decimal_places": 2,
    "min_value": Decimal("0.01"),
    "max_value": MAX_AMOUNT,
}


class AllocationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    project = serializers.ChoiceField(choices=Project.choices)
    amount = serializers.DecimalField(**MONEY)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)


class FundSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(**MONEY)
    allocations = AllocationSerializer(many=True, required=False)
    allocated = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    balance = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Fund
        fields = [
            "id",
            "year",
            "name",
            "source",
            "amount",
            "allocations",
            "allocated",
            "spent",
            "balance",
        ]
        validators = []  # the service names the field

    def to_representation(self, fund):
        data = super().to_representation(fund)
        data["allocations"] = AllocationSerializer(
            selectors.allocations_with_spent(fund.allocations.all()), many=True
        ).data
        return data


class SpendingSerializer(serializers.ModelSerializer):
    allocation = serializers.IntegerField(source="allocation_id", min_value=1, max_value=2**62)
    amount = serializers.DecimalField(**MONEY)
    voucher = serializers.FileField(write_only=True)
    voucher_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Spending
        fields = [
            "id",
            "allocation",
            "spent_on",
            "amount",
            "description",
            "voucher",
            "name",
            "voucher_url",
        ]
        read_only_fields = ["name"]


class FundFilter(SelectorFilterSet):
    select = staticmethod(selectors.fund_list)
    year = django_filters.NumberFilter(min_value=2000, max_value=2100)
    q = django_filters.CharFilter()

    class Meta:
        model = Fund
        fields = []

    def selector_kwargs(self, data):
        if data.get("year") is not None:
            data["year"] = int(data["year"])
        return super().selector_kwargs(data)


class FundViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """The county's special funds: read by the government roles, kept by the county admin."""

    queryset = Fund.objects.all()
    serializer_class = FundSerializer
    filterset_class = FundFilter
    permission = "government"
    write_permission = "county_admin"

    def get_queryset(self):
        return selectors.fund_list(actor=self.request.user)

    def get_object(self):
        return selectors.fund_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def _fresh(self, fund):
        return selectors.fund_get_for(actor=self.request.user, pk=fund.pk)

    def perform_create(self, serializer):
        fund = services.fund_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )
        serializer.instance = self._fresh(fund)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "allocations" in data:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"allocations": "分配请通过 allocations/ 逐项添加。"})
        fund = services.fund_update(
            actor=self.request.user, fund=serializer.instance, data=data, via="api"
        )
        serializer.instance = self._fresh(fund)

    @extend_schema(request=AllocationSerializer, responses={201: AllocationSerializer})
    @action(detail=True, methods=["post"], url_path="allocations")
    def allocations(self, request, pk=None):
        """Add an allocation; 400 when the allocations would exceed the fund."""
        fund = self.get_object()
        data = AllocationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        allocation = services.allocation_add(
            actor=request.user,
            fund=fund,
            project=data.validated_data["project"],
            amount=data.validated_data["amount"],
            via="api",
        )
        fresh = selectors.allocation_get_for(actor=request.user, fund=fund, pk=allocation.pk)
        return Response(AllocationSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": SpendingSerializer},
        responses={201: SpendingSerializer},
    )
    @action(detail=True, methods=["post"], url_path="spending")
    def spending(self, request, pk=None):
        """Record a payment with its voucher; 400 when it would exceed the allocation."""
        fund = self.get_object()
        data = SpendingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        allocation = selectors.allocation_get_for(
            actor=request.user, fund=fund, pk=values["allocation_id"]
        )
        spending = services.spending_add(
            actor=request.user,
            allocation=allocation,
            data=values,
            voucher=values["voucher"],
            via="api",
        )
        return Response(SpendingSerializer(spending).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("funds", FundViewSet, basename="fund")
