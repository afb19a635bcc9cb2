"""API: enterprises/ and licences/, scoped by the caller's jurisdiction."""

import django_filters
from rest_framework import serializers, viewsets

from anjian.accounts.models import Department, Sector, Town
from anjian.core.api import IdFilter, ScopedViewSetMixin
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.core.pii import PHONE, PiiViewSetMixin
from anjian.registry import selectors, services
from anjian.registry.hazard_sources import api as hazard_sources_api
from anjian.registry.models import Enterprise, EnterpriseStatus, Licence


class EnterpriseSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all())
    town = serializers.SlugRelatedField(slug_field="code", queryset=Town.objects.all())
    department = serializers.SlugRelatedField(slug_field="code", queryset=Department.objects.all())

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "sector",
            "town",
            "department",
            "address",
            "lng",
            "lat",
            "legal_representative",
            "safety_manager",
            "phone",
            "employees",
            "status",
        ]

    def to_internal_value(self, data):
        if isinstance(data, dict) and isinstance(data.get("credit_code"), str):
            data = {**data, "credit_code": data["credit_code"].strip().upper()}
        return super().to_internal_value(data)


class EnterpriseFilter(SelectorFilterSet):
    """The unit list page's filters: rows from `selectors.enterprise_list`, like the page's."""

    select = staticmethod(selectors.enterprise_list)
    q = django_filters.CharFilter()
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    department = django_filters.CharFilter()
    status = django_filters.ChoiceFilter(choices=EnterpriseStatus.choices)
    credit_code = django_filters.CharFilter()
    licence = django_filters.ChoiceFilter(
        choices=[(s, s) for s in selectors.LICENCE_STATES],
        help_text="expired, or expiring within 30/60/90 days",
    )

    class Meta:
        model = Enterprise
        fields = []

    def selector_kwargs(self, data):
        data["licence_state"] = data.pop("licence")
        return super().selector_kwargs(data)


class EnterpriseViewSet(PiiViewSetMixin, ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Enterprise.objects.select_related("town", "sector", "department")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    permission = "view"
    write_permission = "write"
    pii_fields = {"phone": PHONE}

    def perform_create(self, serializer):
        serializer.instance = services.enterprise_create(
            actor=self.request.user, data=serializer.validated_data, via="api"
        )

    def perform_update(self, serializer):
        serializer.instance = services.enterprise_update(
            actor=self.request.user,
            enterprise=serializer.instance,
            data=serializer.validated_data,
            via="api",
        )

    def perform_destroy(self, instance):
        services.enterprise_delete(actor=self.request.user, enterprise=instance, via="api")


class LicenceSerializer(serializers.ModelSerializer):
    expired = serializers.BooleanField(read_only=True)

    class Meta:
        model = Licence
        fields = ["id", "enterprise", "kind", "number", "issued_on", "expires_on", "expired"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "enterprise" in self.fields:
            # Only enterprises in the caller's scope can be named (others: "does not exist").
            self.fields["enterprise"].queryset = selectors.enterprise_list(actor=request.user)


class LicenceFilter(SelectorFilterSet):
    """The licence page's filters: rows from `selectors.licence_list`, like the page's."""

    select = staticmethod(selectors.licence_list)
    enterprise = IdFilter()
    kind = django_filters.CharFilter()
    town = django_filters.CharFilter()
    sector = django_filters.CharFilter()
    state = django_filters.ChoiceFilter(choices=[(s, s) for s in selectors.LICENCE_STATES])
    expired = YesNoFilter()

    class Meta:
        model = Licence
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class LicenceViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Licence.objects.select_related("enterprise")
    serializer_class = LicenceSerializer
    filterset_class = LicenceFilter
    permission = "view"
    write_permission = "write"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = services.licence_create(
            actor=self.request.user, enterprise=enterprise, data=data, via="api"
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("enterprise", None)
        serializer.instance = services.licence_update(
            actor=self.request.user, licence=serializer.instance, data=data, via="api"
        )

    def perform_destroy(self, instance):
        services.licence_delete(actor=self.request.user, licence=instance, via="api")


def register(router) -> None:
    router.register("enterprises", EnterpriseViewSet)
    router.register("licences", LicenceViewSet)
    hazard_sources_api.register(router)
