"""Workshop evaluation pages: the HCP's before and after questionnaires, the trainer's results."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from feedback.evaluation import charts, queries, reports, services
from feedback.forms import ResponseForm
from feedback.services import AlreadyReceived
from training_site.access import role_required
from training_site.models import Role
from training_site.scoping import RUNNING_ROLES


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
    return render(request, "feedback/evaluation/workshop.html", {"evaluation": evaluation})


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
    return render(request, "feedback/evaluation/report.html", {"report": report})


@role_required(Role.TRAINER)
def outstanding(request):
    """The trainer's ended workshops with attendees yet to answer the after questionnaire."""
    rows = queries.outstanding_evaluations(request.user)
    return render(request, "feedback/evaluation/outstanding.html", {"rows": rows})
