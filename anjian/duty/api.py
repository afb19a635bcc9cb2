"""API: duty-rosters/ (with computed gaps) and calendar/?year=Y, per the public contract."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from anjian.accounts.units import Unit
from anjian.core.pii import PHONE, PiiViewSetMixin, record_view
from anjian.duty import calendar, selectors, services
from anjian.duty.models import DutyRoster, DutyShift


class ShiftSerializer(serializers.ModelSerializer):
    class Meta:
        model = DutyShift
        fields = ["starts_at", "ends_at", "leader", "staff", "phone"]
        extra_kwargs = {"leader": {"required": False}, "phone": {"required": False}}


class GapSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    missing = serializers.ChoiceField(choices=["staff", "leader"])


class UnitField(serializers.CharField):
    """A unit by code: `county`, a town code or a department code."""

    def get_attribute(self, instance):
        return instance.unit_code

    def to_internal_value(self, data):
        from django.core.exceptions import ValidationError

        code = super().to_internal_value(data)
        try:
            return Unit.from_code(code)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict["unit"]) from exc


class RosterSerializer(serializers.ModelSerializer):
    unit = UnitField()
    shifts = ShiftSerializer(many=True)
    gaps = serializers.SerializerMethodField()

    class Meta:
        model = DutyRoster
        fields = ["id", "unit", "title", "starts_at", "ends_at", "shifts", "gaps"]

    @extend_schema_field(GapSerializer(many=True))
    def get_gaps(self, roster) -> list[dict]:
        return GapSerializer([g.as_dict() for g in selectors.roster_gaps(roster)], many=True).data


class RosterViewSet(
    PiiViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Unit duty rosters. Enterprise users get an empty list (enterprises keep no rosters here)."""

    queryset = DutyRoster.objects.all()
    serializer_class = RosterSerializer
    permission = "view"
    write_permission = "officer"
    pii_fields = {"shifts.phone": PHONE}

    def get_queryset(self):
        params = self.request.query_params
        return selectors.roster_list(
            actor=self.request.user,
            unit=params.get("unit", ""),
            town=params.get("town", ""),
            department=params.get("department", ""),
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.roster_create(
            actor=self.request.user,
            unit=data["unit"],
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            shifts=data["shifts"],
            via="api",
        )

    def perform_update(self, serializer):
        roster = serializer.instance
        data = dict(serializer.validated_data)
        unit = data.get("unit")
        if unit is not None and unit.key != Unit.of_record(roster).key:
            raise ApiValidationError({"unit": [_("A roster's unit cannot be changed.")]})
        serializer.instance = services.roster_update(
            actor=self.request.user,
            roster=roster,
            title=data.get("title", roster.title),
            starts_at=data.get("starts_at", roster.starts_at),
            ends_at=data.get("ends_at", roster.ends_at),
            shifts=data["shifts"]
            if "shifts" in data
            else [{k: getattr(s, k) for k in services.SHIFT_FIELDS} for s in roster.shifts.all()],
            via="api",
        )

    def retrieve(self, request, *args, **kwargs):
        roster = selectors.roster_get_for(actor=request.user, pk=kwargs["pk"])
        record_view(actor=request.user, instance=roster, fields=self.pii_fields, via="api")
        return Response(self.get_serializer(roster).data)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        roster = selectors.roster_get_for(actor=request.user, pk=kwargs["pk"])
        response.data = self.get_serializer(roster).data
        return response

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        roster = selectors.roster_get_for(actor=request.user, pk=response.data["id"])
        response.data = self.get_serializer(roster).data
        return response

    def perform_destroy(self, instance):
        services.roster_delete(actor=self.request.user, roster=instance, via="api")


class HolidaySerializer(serializers.Serializer):
    name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    kind = serializers.ChoiceField(choices=[calendar.STATUTORY, calendar.LOCAL])


class CalendarSerializer(serializers.Serializer):
    holidays = HolidaySerializer(many=True)
    workdays = serializers.ListField(child=serializers.DateField())


class CalendarViewSet(viewsets.ViewSet):
    """GET calendar/?year=Y → {"holidays": [{"name", "start", "end", "kind"}], "workdays": [...]}."""

    permission = "view"
    write_permission = "write"

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True)], responses=CalendarSerializer
    )
    def list(self, request):
        raw = request.query_params.get("year", "")
        if not raw.strip().isdigit() or not 1901 <= int(raw) <= 2099:
            raise ApiValidationError({"year": [_("Give the year as four digits, e.g. 2025.")]})
        try:
            return Response(calendar.year_calendar(int(raw)).as_dict())
        except calendar.UnsupportedYear as exc:
            raise ApiValidationError({"year": [exc.message()]}) from exc


def register(router) -> None:
    router.register("duty-rosters", RosterViewSet, basename="duty-roster")
    router.register("calendar", CalendarViewSet, basename="calendar")
