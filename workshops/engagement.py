"""Engagement pages: which practices and posts have been trained, and who has not yet."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django_tables2 import RequestConfig

from training_site.access import role_required
from training_site.downloads import csv_stream, titled
from training_site.scoping import (
    MANAGING_ROLES,
    get_managed_organisation_or_404,
    organisations_managed_by,
)
from workshops import queries
from workshops.tables import EngagementTable, NotTrainedTable

NOT_TRAINED_PER_PAGE = 50


def _engagement_scope(request):
    """Return the organisation an engagement report is about: chosen, or the top one managed."""
    if request.GET.get("organisation"):
        return get_managed_organisation_or_404(request.user, request.GET["organisation"])
    organisation = organisations_managed_by(request.user).order_by("depth", "path").first()
    if organisation is None:
        raise Http404("You do not manage any organisation.")
    return organisation


@role_required(*MANAGING_ROLES)
def engagement(request):
    """Which practices and posts have been trained, and who has not yet."""
    organisation = _engagement_scope(request)
    units = queries.engagement_by_unit(organisation)
    posts = queries.engagement_by_post(organisation)
    tables = {
        "unit_table": EngagementTable(units, heading="Practice or team", prefix="unit-"),
        "post_table": EngagementTable(posts, heading="Post", prefix="post-"),
        "not_trained_table": NotTrainedTable(queries.not_yet_trained(organisation)),
    }
    config = RequestConfig(request, paginate={"per_page": NOT_TRAINED_PER_PAGE})
    for table in tables.values():
        config.configure(table)
    return render(
        request,
        "workshops/engagement.html",
        {
            "organisation": organisation,
            "units": units,
            "posts": posts,
            "not_trained": [row.record for row in tables["not_trained_table"].paginated_rows],
            "children": organisation.get_children(),
            **tables,
        },
    )


def _engagement_rows(organisation):
    """Yield the engagement export: a header, then one row per HCP."""
    yield ["Email", "First name", "Last name", "Workplace", "Attended a workshop", "Booked"]
    for person in queries.engagement_people(organisation).iterator(chunk_size=2000):
        yield [
            person.email,
            person.first_name,
            person.last_name,
            person.workplace or "",
            "yes" if person.has_attended else "no",
            "yes" if person.has_booked else "no",
        ]


@role_required(*MANAGING_ROLES)
def engagement_csv(request):
    """Download every HCP in scope with its workshop attendance, as CSV streamed."""
    organisation = _engagement_scope(request)
    today = timezone.localdate()
    title = f"Workshop engagement: {organisation.name}, on {today.day} {today:%B %Y}"
    response = StreamingHttpResponse(
        csv_stream(titled(title, _engagement_rows(organisation))),
        content_type="text/csv; charset=utf-8",
    )
    name = f"workshop-engagement-{slugify(organisation.name)}-{today:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
