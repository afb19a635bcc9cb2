"""API: inspectors/ and trainings/ per the contract's "Foundations" section."""

import django_filters
from rest_framework import mixins, serializers, viewsets

from anjian.core.api import MAX_ID, IdFilter
from anjian.core.filters import SelectorFilterSet, YesNoFilter
from anjian.workforce import rules, selectors, services
from anjian.workforce.models import Inspector, Training, TrainingKind

CERTIFICATE_CHOICES = [
    ("expired", "expired"),
    ("expiring", "expiring"),
    ("valid", "valid"),
    ("none", "none"),
]


def _id(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class IdListField(serializers.ListField):
    """Record ids in, the related records' ids (sorted) out."""

    def __init__(self, **kwargs):
        super().__init__(child=_id(), **kwargs)

    def to_representation(self, data):
        return sorted(item.pk for item in data.all()) if hasattr(data, "all") else list(data)


class InspectorSerializer(serializers.ModelSerializer):
    department = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="the code of the inspector's unit: a department, a town or `county`",
    )
    user = _id(
        source="user_id", required=False, allow_null=True, help_text="the linked platform account"
    )
    conflicts = IdListField(
        required=False,
        max_length=services.MAX_CONFLICTS,
        help_text="units (ids) this inspector is never sent to (回避)",
    )
    training_hours = serializers.FloatField(read_only=True, help_text="this year")
    inspections = serializers.IntegerField(read_only=True, help_text="this year")
    certificate_state = serializers.ChoiceField(
        choices=CERTIFICATE_CHOICES, read_only=True, help_text="expiring: within 60 days"
    )

    class Meta:
        model = Inspector
        fields = [
            "id",
            "name",
            "department",
            "user",
            "certificate_number",
            "certificate_issued_on",
            "certificate_expires_on",
            "certificate_state",
            "active",
            "conflicts",
            "training_hours",
            "inspections",
        ]

    def to_representation(self, inspector):
        data = super().to_representation(inspector)
        data["department"] = inspector.unit_code
        return data


class InspectorFilter(SelectorFilterSet):
    select = staticmethod(selectors.inspector_list)
    q = django_filters.CharFilter()
    department = django_filters.CharFilter()
    certificate = django_filters.ChoiceFilter(choices=CERTIFICATE_CHOICES)
    active = YesNoFilter()
    year = django_filters.NumberFilter(min_value=1949, max_value=2100)

    class Meta:
        model = Inspector
        fields = []

    def selector_kwargs(self, data):
        if data.get("year") is not None:
            data["year"] = int(data["year"])
        return super().selector_kwargs(data)


class InspectorViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """The enforcement team in the caller's scope (a town or department its own, the county
    all); a unit registers and edits its own inspectors, the county any."""

    queryset = Inspector.objects.all()
    serializer_class = InspectorSerializer
    filterset_class = InspectorFilter
    permission = "government"
    write_permission = "officer"

    def get_queryset(self):
        return selectors.inspector_list(actor=self.request.user).prefetch_related("conflicts")

    def get_object(self):
        return selectors.inspector_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def paginate_queryset(self, queryset):
        """The year's figures for the page only (two queries), not for the whole register."""
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_figures(page)

    def _fresh(self, inspector):
        return selectors.inspector_get_for(actor=self.request.user, pk=inspector.pk)

    def perform_create(self, serializer):
        inspector = services.inspector_create(
            actor=self.request.user, data=dict(serializer.validated_data), via="api"
        )
        serializer.instance = self._fresh(inspector)

    def perform_update(self, serializer):
        inspector = services.inspector_update(
            actor=self.request.user,
            inspector=serializer.instance,
            data=dict(serializer.validated_data),
            via="api",
        )
        serializer.instance = self._fresh(inspector)


class TrainingSerializer(serializers.ModelSerializer):
    hours = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        min_value=rules.MIN_TRAINING_HOURS,
        max_value=rules.MAX_TRAINING_HOURS,
        coerce_to_string=False,
    )
    kind = serializers.ChoiceField(choices=TrainingKind.choices)
    inspectors = IdListField(
        required=False,
        max_length=services.MAX_ATTENDING,
        help_text="the inspectors who attended (ids; an inspectors' training only)",
    )
    enterprise = _id(source="enterprise_id", required=False, allow_null=True)
    attendees = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    unit = serializers.SerializerMethodField()

    class Meta:
        model = Training
        fields = [
            "id",
            "title",
            "held_on",
            "hours",
            "kind",
            "initial",
            "inspectors",
            "enterprise",
            "attendees",
            "unit",
        ]

    def get_unit(self, training) -> str:
        """The unit that keeps the training (a government unit's code, or the enterprise's)."""
        return training.unit_code

    def to_representation(self, training):
        data = super().to_representation(training)
        return data


class TrainingFilter(SelectorFilterSet):
    select = staticmethod(selectors.training_list)
    q = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=TrainingKind.choices)
    enterprise = IdFilter()
    inspector = IdFilter()
    year = django_filters.NumberFilter(min_value=1949, max_value=2100)

    class Meta:
        model = Training
        fields = []

    def selector_kwargs(self, data):
        for name in ("enterprise", "inspector", "year"):
            if data.get(name) is not None:
                data[name] = int(data[name])
        return super().selector_kwargs(data)


class TrainingViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Trainings the caller may see (an enterprise user: its own enterprise's)."""

    queryset = Training.objects.all()
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilter
    permission = "view"
    write_permission = "write"

    def get_queryset(self):
        return selectors.training_list(actor=self.request.user).prefetch_related("inspectors")

    def get_object(self):
        return selectors.training_get_for(actor=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if v is not None}
        serializer.instance = services.training_create(
            actor=self.request.user, data=data, via="api"
        )


def register(router) -> None:
    router.register("inspectors", InspectorViewSet, basename="inspector")
    router.register("trainings", TrainingViewSet, basename="training")
