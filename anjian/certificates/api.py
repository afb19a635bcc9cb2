"""API: certificates/ per the contract's "Foundations" section. Lists and write answers show the
identity number masked (first 6 and last 4 characters); a detail shows it in full only to the
holders of `personal_data`, audited as `pii.view`."""

import django_filters
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from anjian.certificates import selectors, services
from anjian.certificates.models import Certificate, CertificateKind
from anjian.core import clock, pii
from anjian.core.api import IdFilter
from anjian.core.filters import SelectorFilterSet, YesNoFilter

PII_FIELDS = {"id_number": pii.ID_NUMBER}


class CertificateSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(
        source="enterprise_id",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**62,
        help_text="the enterprise's id (an enterprise user: its own, may be omitted)",
    )
    expires_on = serializers.DateField(
        required=False, allow_null=True, help_text="empty: 3 years, 6 for a special operation"
    )
    review_due = serializers.DateField(source="review_on", read_only=True, allow_null=True)
    expired = serializers.SerializerMethodField()
    expiring = serializers.SerializerMethodField()
    valid = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "enterprise",
            "holder",
            "id_number",
            "kind",
            "category",
            "number",
            "issued_on",
            "expires_on",
            "reviewed_on",
            "review_due",
            "expired",
            "expiring",
            "valid",
        ]
        validators = []  # the service checks the register's rules and names the field

    def to_representation(self, certificate):
        data = super().to_representation(certificate)
        if not self.context.get("unmasked"):
            data["id_number"] = pii.mask_id_number(data["id_number"])
        return data

    def get_expired(self, c) -> bool:
        return c.expired_on(clock.today())

    def get_expiring(self, c) -> bool:
        return c.expiring_on(clock.today())

    def get_valid(self, c) -> bool:
        return c.valid_on(clock.today())


class CertificateFilter(SelectorFilterSet):
    """The list page's filters: rows from `selectors.certificate_list`."""

    select = staticmethod(selectors.certificate_list)
    q = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=CertificateKind.choices)
    category = django_filters.CharFilter()
    town = django_filters.CharFilter()
    enterprise = IdFilter()
    state = django_filters.ChoiceFilter(choices=[(s, s) for s in selectors.STATES])
    expired = YesNoFilter()
    expiring = YesNoFilter()

    class Meta:
        model = Certificate
        fields = []

    def selector_kwargs(self, data):
        if data.get("enterprise") is not None:
            data["enterprise"] = int(data["enterprise"])
        return super().selector_kwargs(data)


class CertificateViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """The certificates of the caller's unit and of the enterprises in its jurisdiction."""

    queryset = Certificate.objects.all()
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.certificate_list(actor=self.request.user)

    def get_object(self):
        return selectors.certificate_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        certificate = self.get_object()
        unmasked = pii.sees_unmasked(request.user)
        if unmasked:
            pii.record_view(actor=request.user, instance=certificate, fields=PII_FIELDS, via="api")
        context = {**self.get_serializer_context(), "unmasked": unmasked}
        return Response(CertificateSerializer(certificate, context=context).data)

    @staticmethod
    def _data(validated: dict) -> dict:
        data = dict(validated)
        if "enterprise_id" in data:
            data["enterprise"] = data.pop("enterprise_id")
        return data

    def perform_create(self, serializer):
        serializer.instance = services.certificate_create(
            actor=self.request.user, data=self._data(serializer.validated_data), via="api"
        )

    def perform_update(self, serializer):
        serializer.instance = services.certificate_update(
            actor=self.request.user,
            certificate=serializer.instance,
            data=self._data(serializer.validated_data),
            via="api",
        )


def register(router) -> None:
    router.register("certificates", CertificateViewSet, basename="certificate")
