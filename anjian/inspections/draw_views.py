"""双随机、一公开 pages and API: draw, the published list and draw, turn a draw into a campaign."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Unit
from anjian.core import api as core_api
from anjian.core.errors import Conflict
from anjian.core.forms import BootstrapMixin, flash, submit
from anjian.core.permissions import requires
from anjian.inspections import draws
from anjian.inspections.draw_models import InspectionDraw


class DrawForm(BootstrapMixin, forms.Form):
    town = forms.ModelChoiceField(
        Town.objects.all(),
        label=gettext_lazy("town"),
        required=False,
        to_field_name="code",
        empty_label=gettext_lazy("All towns"),
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(),
        label=gettext_lazy("sector"),
        required=False,
        to_field_name="code",
        empty_label=gettext_lazy("All sectors"),
    )
    enterprises = forms.IntegerField(
        label=gettext_lazy("units to draw"), min_value=1, max_value=draws.MAX_ENTERPRISES
    )
    inspectors = forms.IntegerField(
        label=gettext_lazy("inspectors to draw"), min_value=1, max_value=draws.MAX_INSPECTORS
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit = Unit.of(user)
        if unit is not None:
            self.fields["town"].queryset = unit.towns()
            self.fields["sector"].queryset = unit.sectors()

    def draw_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "enterprises": data["enterprises"],
            "inspectors": data["inspectors"],
            "town": data["town"].code if data["town"] else None,
            "sector": data["sector"].code if data["sector"] else None,
        }


@requires("officer")
def draw_list(request):
    page = Paginator(draws.draw_list(actor=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "inspections/draw_list.html", {"page": page})


@requires("officer")
def draw_detail(request, pk: int):
    record = draws.draw_get_for(actor=request.user, pk=pk)
    unit = Unit.of(request.user)
    return render(
        request,
        "inspections/draw_detail.html",
        {
            "draw": record,
            **draws.draw_names(record),
            "may_make_campaign": record.campaign_id is None
            and (unit.is_county_wide or unit.key == record.unit_key),
        },
    )


@requires("officer")
def draw_create(request):
    form = DrawForm(request.POST or None, user=request.user)
    record = submit(
        request,
        form,
        lambda data: draws.draw_create(actor=request.user, **form.draw_kwargs()),
        success=_("The draw was made and published."),
    )
    if record:
        return redirect(record.get_absolute_url())
    return render(request, "inspections/draw_form.html", {"form": form})


@require_POST
@requires("officer")
def draw_campaign(request, pk: int):
    record = draws.draw_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: draws.draw_campaign_create(actor=request.user, record=record),
        success=_("The campaign was created with the units drawn as its targets."),
        to=record.get_absolute_url(),
    )


# --- API -----------------------------------------------------------------------------------


class DrawRequestSerializer(serializers.Serializer):
    sector = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    town = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    enterprises = serializers.IntegerField(min_value=1, max_value=draws.MAX_ENTERPRISES)
    inspectors = serializers.IntegerField(min_value=1, max_value=draws.MAX_INSPECTORS)


class InspectionDrawSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = InspectionDraw
        fields = [
            "id",
            "drawn_at",
            "seed",
            "enterprises",
            "inspectors",
            "quarter",
            "sector",
            "town",
            "unit_name",
            "note",
            "campaign",
        ]


class InspectionDrawViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Published draws (every officer reads them all); POST draws in the caller's scope."""

    queryset = InspectionDraw.objects.all()
    serializer_class = InspectionDrawSerializer
    permission = "officer"
    write_permission = "officer"

    def get_queryset(self):
        return draws.draw_list(actor=self.request.user)

    def get_serializer_class(self):
        return DrawRequestSerializer if self.action == "create" else InspectionDrawSerializer

    def create(self, request, *args, **kwargs):
        given = DrawRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            record = draws.draw_create(actor=request.user, via="api", **given.validated_data)
        except Conflict as exc:
            raise core_api.Conflict(exc.message) from exc
        return Response(InspectionDrawSerializer(record).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], write_permission="officer")
    def campaign(self, request, pk=None):
        """Turn the draw into a campaign whose targets are the units drawn."""
        record = self.get_object()
        try:
            campaign = draws.draw_campaign_create(actor=request.user, record=record, via="api")
        except Conflict as exc:
            raise core_api.Conflict(exc.message) from exc
        return Response({"campaign": campaign.pk}, status=status.HTTP_201_CREATED)
