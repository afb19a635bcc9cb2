"""API: chemicals/ (a unit's inventory with computed tags; contract "Key sectors")."""

import django_filters
from rest_framework import serializers, viewsets

from anjian.core.api import IdFilter
from anjian.core.filters import SelectorFilterSet
from anjian.registry import selectors as registry_selectors

from . import rules, selectors, services
from .models import ChemicalStock


class ChemicalSerializer(serializers.ModelSerializer):
    max_stock_t = serializers.DecimalField(
        max_digits=12, decimal_places=3, min_value=0, max_value=10_000_000
    )
    cas = serializers.CharField(max_length=12, required=False, allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ChemicalStock
        fields = ["id", "enterprise", "name", "cas", "max_stock_t", "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            self.fields["enterprise"].queryset = registry_selectors.enterprise_list(
                actor=request.user
            )


class ChemicalFilter(SelectorFilterSet):
    select = staticmethod(selectors.stock_list)
    enterprise = IdFilter()
    tag = django_filters.ChoiceFilter(choices=[(t, t) for t in rules.TAGS])
    town = django_filters.CharFilter()
    q = django_filters.CharFilter()

    class Meta:
        model = ChemicalStock
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class ChemicalViewSet(viewsets.ModelViewSet):
    """The chemicals the units in the caller's jurisdiction keep; `tags` come from the shipped
    lists (key-supervised batches, hazard classes; see docs/chemicals.md)."""

    queryset = ChemicalStock.objects.all()
    serializer_class = ChemicalSerializer
    filterset_class = ChemicalFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.stock_list(actor=self.request.user)

    def get_object(self):
        return selectors.stock_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = services.stock_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)
        serializer.instance = services.stock_update(
            actor=self.request.user, stock=serializer.instance, data=data, via="api"
        )

    def perform_destroy(self, instance):
        services.stock_delete(actor=self.request.user, stock=instance, via="api")


def register(router) -> None:
    router.register("chemicals", ChemicalViewSet, basename="chemical")
