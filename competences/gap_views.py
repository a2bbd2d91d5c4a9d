"""Skills-gap pages for managers: the group profile, the matrix, training needs and exports."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django_tables2 import RequestConfig
from wagtail import hooks

from competences import charts, exports, gaps
from competences.gap_filters import GapMatrixFilter
from competences.gap_forms import GapScopeForm
from competences.gap_tables import GapMatrixTable
from competences.heatmaps import heatmap_grid
from competences.models import StaffPost
from competences.tables import CompetenceSummaryTable, UnitHeatmapTable
from competences.tasks import gap_export_prepare
from training_site.access import role_required
from training_site.charts import as_svg
from training_site.downloads import csv_stream, titled
from training_site.models import User
from training_site.prepared_downloads import prepared_download_queue
from training_site.scoping import (
    MANAGING_ROLES,
    get_managed_organisation_or_404,
    organisations_managed_by,
)

MATRIX_PER_PAGE = 50


@dataclass(frozen=True)
class GapScope:
    """The organisation and dates a gap page is about, and where it sits in the tree."""

    form: GapScopeForm
    organisation: object
    on: object
    compare: object
    trail: list
    units: list


def gap_scope(request):
    """Read the organisation and dates from the query string; 404 outside what one manages."""
    managed = organisations_managed_by(request.user)
    if request.GET.get("organisation"):
        organisation = get_managed_organisation_or_404(request.user, request.GET["organisation"])
    else:
        organisation = managed.order_by("depth", "path").first()
        if organisation is None:
            raise Http404("You do not manage any organisation.")
    form = GapScopeForm(request.GET or None)
    today = timezone.localdate()
    on, compare = today, None
    if form.is_bound and form.is_valid():
        on = form.cleaned_data["on"] or today
        compare = form.cleaned_data["compare"]
    above = [
        organisation.path[:end]
        for end in range(organisation.steplen, len(organisation.path), organisation.steplen)
    ]
    trail = list(managed.filter(path__in=above).order_by("path"))
    return GapScope(form, organisation, on, compare, trail, list(organisation.get_children()))


@dataclass(frozen=True)
class Benchmark:
    """The rest of the network's share met, or why it is not shown."""

    percent: int | None
    hidden: bool


def network_benchmark(request, organisation, summaries, on):
    """Compare with the rest of the network, hiding groups too small to stay anonymous."""
    root = organisation if organisation.is_root() else organisation.get_root()
    if organisations_managed_by(request.user).filter(pk=root.pk).exists():
        return {}
    own = {s.competence.pk: s for s in summaries}
    result = {}
    for whole in gaps.summary(root, on):
        mine = own.get(whole.competence.pk)
        rest_need = whole.need - (mine.need if mine else 0)
        rest_met = whole.met - (mine.met if mine else 0)
        threshold = settings.SMALL_NUMBER_THRESHOLD
        if min(rest_need, rest_met, rest_need - rest_met) < threshold:
            result[whole.competence.pk] = Benchmark(None, hidden=True)
        else:
            result[whole.competence.pk] = Benchmark(round(100 * rest_met / rest_need), False)
    return result


def summary_before(scope):
    """Return the summary on the comparison date by competence id, or None without one."""
    if not scope.compare:
        return None
    return {s.competence.pk: s for s in gaps.summary(scope.organisation, scope.compare)}


@role_required(*MANAGING_ROLES)
def gap_profile(request):
    """The group skills-gap profile of an organisation and everything below it."""
    scope = gap_scope(request)
    summaries, cells = gaps.profile(scope.organisation, scope.on)
    before = summary_before(scope)
    grid = heatmap_grid(cells)
    benchmark = network_benchmark(request, scope.organisation, summaries, scope.on)
    rows = [
        {
            "summary": s,
            "earlier": before.get(s.competence.pk) if before is not None else None,
            "benchmark": benchmark.get(s.competence.pk),
        }
        for s in summaries
    ]
    table = CompetenceSummaryTable(
        rows,
        compare=scope.compare if before is not None else None,
        benchmarking=bool(benchmark),
        threshold=settings.SMALL_NUMBER_THRESHOLD,
        prefix="competence-",
    )
    units = UnitHeatmapTable(grid, prefix="unit-")
    for each in (table, units):
        RequestConfig(request, paginate=False).configure(each)
    context = {"scope": scope, "rows": rows, "grid": grid, "table": table, "units": units}
    context["query"] = request.GET.urlencode()
    return render(request, "competences/gap_profile.html", context)


@role_required(*MANAGING_ROLES)
def gap_heatmap(request):
    """The heatmap as an SVG image, drawn separately so the profile page stays quick."""
    scope = gap_scope(request)
    grid = heatmap_grid(gaps.heatmap(scope.organisation, scope.on))
    if not grid.units:
        raise Http404("No unit below this organisation has anyone whose post needs a competence.")
    figure = charts.heatmap_figure(grid.unit_names, grid.codes, grid.percentages)
    response = HttpResponse(as_svg(figure), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


def matrix_people(organisation, on):
    """People with a current post in an organisation, with their post and workplace names."""
    posts = (
        StaffPost.objects.current(on)
        .filter(user=OuterRef("pk"), organisation__path__startswith=organisation.path)
        .order_by("-since")
    )
    return User.objects.filter(Exists(posts)).annotate(
        post_name=Subquery(posts.values("profile__name")[:1]),
        organisation_name=Subquery(posts.values("organisation__name")[:1]),
    )


@role_required(*MANAGING_ROLES)
def gap_matrix(request):
    """People by competences: who meets what their post needs, filterable and paginated."""
    scope = gap_scope(request)
    people = GapMatrixFilter(
        request.GET,
        queryset=matrix_people(scope.organisation, scope.on),
        organisation=scope.organisation,
        on=scope.on,
    )
    competences = list(gaps.competences_needed(scope.organisation, scope.on))
    table = GapMatrixTable(people.qs, competences=competences)
    RequestConfig(request, paginate={"per_page": MATRIX_PER_PAGE}).configure(table)
    page_ids = [person.pk for person in table.page.object_list.data] if table.page else []
    table.states = gaps.states_for_people(scope.organisation, page_ids, scope.on)
    return render(
        request,
        "competences/gap_matrix.html",
        {"scope": scope, "filter": people, "table": table, "query": request.GET.urlencode()},
    )


@role_required(*MANAGING_ROLES)
def training_needs(request):
    """Competences ranked by gaps, with the training that develops them and places needed."""
    scope = gap_scope(request)
    needs = gaps.training_needs(scope.organisation, scope.on)
    offers = {}
    for hook in hooks.get_hooks("register_training_offers"):
        for competence_id, items in hook(request, [n.competence.pk for n in needs]).items():
            offers.setdefault(competence_id, []).extend(items)
    rows = [(need, offers.get(need.competence.pk, [])) for need in needs]
    return render(
        request,
        "competences/training_needs.html",
        {"scope": scope, "rows": rows, "query": request.GET.urlencode()},
    )


@role_required(*MANAGING_ROLES)
def export_summary(request, extension):
    """Stream the summary per competence as CSV, or have the worker prepare the XLSX."""
    scope = gap_scope(request)
    if extension == "xlsx":
        return _prepare(request, scope, exports.SUMMARY_XLSX, extension)
    rows = exports.summary_rows(gaps.summary(scope.organisation, scope.on))
    return _csv(rows, "gap-summary", scope)


@role_required(*MANAGING_ROLES)
def export_matrix(request, extension):
    """Stream the people-by-competences matrix as CSV, or have the worker prepare the XLSX."""
    scope = gap_scope(request)
    if extension == "xlsx":
        return _prepare(request, scope, exports.MATRIX_XLSX, extension)
    return _csv(exports.matrix_rows(scope.organisation, scope.on), "gap-matrix", scope)


def _csv(rows, prefix, scope):
    """Answer with a streamed CSV that opens with a line naming the organisation and the day."""
    name = exports.filename(prefix, scope.organisation, scope.on, "csv")
    title = exports.title(exports.EXPORT_HEADINGS[prefix], scope.organisation, scope.on)
    response = StreamingHttpResponse(
        csv_stream(titled(title, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(*MANAGING_ROLES)
def export_pdf(request):
    """Have the worker prepare a PDF report of the profile, with its charts, for a board."""
    return _prepare(request, gap_scope(request), exports.REPORT_PDF, "pdf")


def _prepare(request, scope, kind, extension):
    """Queue an export for the worker and send the person to watch it being prepared."""
    download = prepared_download_queue(
        owner=request.user,
        kind=kind,
        title=exports.prepared_title(kind, scope.organisation, scope.on, scope.compare),
        filename=exports.filename(exports.PREFIXES[kind], scope.organisation, scope.on, extension),
        parameters={
            "organisation": scope.organisation.pk,
            "on": scope.on.isoformat(),
            "compare": scope.compare.isoformat() if scope.compare else None,
        },
        task=gap_export_prepare,
    )
    return redirect("download-status", download.pk)
