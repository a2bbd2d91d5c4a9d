"""Workshop evaluation pages: the HCP's before and after questionnaires, the trainer's results."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_tables2 import RequestConfig

from feedback.evaluation import charts, queries, reports, services
from feedback.evaluation.tables import GroupChangeTable, OutstandingTable, QuestionChangeTable
from feedback.forms import ResponseForm
from feedback.services import AlreadyReceived
from training_site.access import role_required
from training_site.models import Role
from training_site.scoping import RUNNING_ROLES

ROWS_PER_PAGE = 25


@role_required(Role.HCP)
def my_evaluations(request):
    """The workshops I am booked on, with the questionnaires due and those answered."""
    evaluations = queries.hcp_evaluations(request.user)
    return render(request, "feedback/evaluation/mine.html", {"evaluations": evaluations})


@never_cache
@role_required(Role.HCP)
def evaluation_respond(request, pk, stage):
    """Answer a workshop's before or after questionnaire, once, on any screen size."""
    if stage not in queries.STAGES:
        raise Http404("No such questionnaire.")
    evaluation = queries.get_evaluation_or_404(request.user, pk)
    version = queries.stage_version(stage)
    context = {"evaluation": evaluation, "stage": stage, "label": queries.STAGE_LABELS[stage]}
    if stage in evaluation.done_stages:
        return render(request, "feedback/evaluation/closed.html", {**context, "done": True})
    if version is None or stage not in evaluation.open_stages:
        return render(request, "feedback/evaluation/closed.html", context)
    items = queries.relevant_items(version, evaluation.workshop, stage)
    form = ResponseForm(request.POST or None, version=version, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                booking=evaluation.booking, stage=stage, version=version, values=form.values()
            )
        except AlreadyReceived:
            return render(request, "feedback/evaluation/closed.html", {**context, "done": True})
        except ValidationError:
            return render(request, "feedback/evaluation/closed.html", context)
        return render(request, "feedback/evaluation/thanks.html", context)
    context.update(form=form, version=version, draft_key=f"evaluation-{pk}-{stage}")
    return render(request, "feedback/evaluation/questionnaire.html", context)


@role_required(*RUNNING_ROLES)
def workshop_evaluation(request, pk):
    """A workshop's evaluation: response rates, change per question and the comments."""
    workshop = queries.get_evaluated_workshop_or_404(request.user, pk)
    evaluation = reports.workshop_evaluation(workshop)
    table = QuestionChangeTable(evaluation.items, threshold=evaluation.threshold)
    RequestConfig(request, paginate=False).configure(table)
    context = {"evaluation": evaluation, "table": table}
    return render(request, "feedback/evaluation/workshop.html", context)


@role_required(*RUNNING_ROLES)
def workshop_evaluation_chart(request, pk):
    """A workshop's confidence before and after as an SVG image."""
    workshop = queries.get_evaluated_workshop_or_404(request.user, pk)
    svg = charts.confidence_svg(reports.workshop_evaluation(workshop).shown_items)
    if svg is None:
        raise Http404("Nothing to draw.")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


@role_required(*RUNNING_ROLES)
def change_report(request):
    """The change in confidence per programme and per site across the workshops in scope."""
    report = reports.change_report(request.user)
    tables = {
        f"{group}_table": GroupChangeTable(
            rows, heading=heading, threshold=report.threshold, prefix=f"{group}-"
        )
        for group, heading, rows in (
            ("programme", "Programme", report.by_programme),
            ("site", "Site", report.by_site),
        )
    }
    config = RequestConfig(request, paginate={"per_page": ROWS_PER_PAGE})
    for table in tables.values():
        config.configure(table)
    return render(request, "feedback/evaluation/report.html", {"report": report, **tables})


@role_required(Role.TRAINER)
def outstanding(request):
    """The trainer's ended workshops with attendees yet to answer the after questionnaire."""
    table = OutstandingTable(queries.outstanding_evaluations(request.user))
    RequestConfig(request, paginate={"per_page": ROWS_PER_PAGE}).configure(table)
    return render(request, "feedback/evaluation/outstanding.html", {"table": table})
