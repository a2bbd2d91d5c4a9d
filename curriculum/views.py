"""Curriculum pages outside the page tree: comparison, search and changes awaiting approval."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django_tables2 import RequestConfig

from curriculum import queries
from curriculum.tables import (
    CHANGES_PER_PAGE,
    ChangedPageTable,
    CompetenceComparisonTable,
    ComponentComparisonTable,
)

RESULTS_PER_PAGE = 20


@login_required
def programme_comparison(request):
    """Show the programmes side by side by essential component and by competence."""
    comparison = queries.programme_comparison(request)
    programmes = comparison.programmes
    components = ComponentComparisonTable(
        comparison.components, programmes=programmes, prefix="component-"
    )
    competences = CompetenceComparisonTable(
        comparison.competences, programmes=programmes, prefix="competence-"
    )
    for table in (components, competences):
        RequestConfig(request, paginate=False).configure(table)
    context = {"comparison": comparison, "components": components, "competences": competences}
    return render(request, "curriculum/comparison.html", context)


@login_required
def search(request):
    """Search the curriculum's programmes and modules."""
    query = request.GET.get("q", "").replace('"', " ").replace("\x00", "").strip()[:200]
    results = Paginator(queries.curriculum_search(query), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "curriculum/search.html", {"query": query, "results": results})


@login_required
def changes(request):
    """List curriculum pages changed since their last approved version, for editors."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise Http404("Page not found.")
    pages = queries.pages_awaiting_approval(request.user)
    table = ChangedPageTable(pages)
    RequestConfig(request, paginate={"per_page": CHANGES_PER_PAGE}).configure(table)
    return render(request, "curriculum/changes.html", {"pages": pages, "table": table})
