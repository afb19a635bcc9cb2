"""Major hazard source pages: the register, one source with its computation, the form."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.forms import flash, submit
from anjian.core.permissions import requires
from anjian.registry.hazard_sources import selectors, services
from anjian.registry.hazard_sources.forms import MajorHazardSourceFilterForm, MajorHazardSourceForm


@requires("view")
def hazard_source_list(request):
    filters = MajorHazardSourceFilterForm(request.GET or None)
    qs = selectors.hazard_source_list(actor=request.user, **filters.filters())
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "registry/hazardsource_list.html", {"filters": filters, "page": page})


@requires("view")
def hazard_source_detail(request, pk: int):
    source = selectors.hazard_source_get_for(actor=request.user, pk=pk)
    return render(
        request,
        "registry/hazardsource_detail.html",
        {
            "source": source,
            "how": selectors.computation(source),
            "alpha": selectors.alpha_of(source),
        },
    )


@requires("write")
def hazard_source_create(request):
    form = MajorHazardSourceForm(request.POST or None, user=request.user)
    source = submit(
        request,
        form,
        lambda data: services.hazard_source_create(
            actor=request.user, enterprise=data.pop("enterprise"), data=data
        ),
        success=_("The major hazard source was registered."),
    )
    if source:
        return redirect(source.get_absolute_url())
    return render(request, "registry/hazardsource_form.html", {"form": form})


@requires("write")
def hazard_source_edit(request, pk: int):
    source = selectors.hazard_source_get_for(actor=request.user, pk=pk)
    form = MajorHazardSourceForm(request.POST or None, instance=source, user=request.user)
    if submit(
        request,
        form,
        lambda data: services.hazard_source_update(actor=request.user, source=source, data=data),
        success=_("The changes were saved."),
    ):
        return redirect(source.get_absolute_url())
    return render(request, "registry/hazardsource_form.html", {"form": form, "source": source})


@require_POST
@requires("write")
def hazard_source_delete(request, pk: int):
    source = selectors.hazard_source_get_for(actor=request.user, pk=pk)
    return flash(
        request,
        lambda: services.hazard_source_delete(actor=request.user, source=source),
        success=_("The major hazard source was deleted."),
        to=reverse("registry:hazard_source_list"),
    )
