"""QA observation pages: plan, before, during, after, agreement by the observed, the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from quality import charts, queries, services
from quality.forms import (
    QAActionFormSet,
    QAAfterForm,
    QAAgreeForm,
    QABeforeForm,
    QADuringForm,
    QAPlanForm,
)
from quality.tables import ActionTable, ObservationTable, ReportTable
from quality.workflow import DONE_UP_TO, NEXT_STEP, STAGES
from training_site.access import role_required
from training_site.charts import as_svg
from training_site.forms import form_add_service_error
from training_site.record_links import record_links
from training_site.scoping import MANAGING_ROLES
from training_site.workflow import may

OBSERVATIONS_PER_PAGE = 50
REPORT_ROWS_PER_PAGE = 50


def _stages(request, observation, current=None):
    """Return the stages of an observation, with links to those its observer may open now."""
    done = DONE_UP_TO[observation.status]
    is_observer = observation.observer_id == request.user.pk
    steps = []
    for index, (key, label, url_name) in enumerate(STAGES):
        open_now = url_name and is_observer and may(observation, key)
        steps.append(
            {
                "label": label,
                "done": index <= done,
                "current": key == current,
                "url": reverse(url_name, args=[observation.pk]) if open_now else "",
            }
        )
    return steps


def _detail_context(request, observation, agree_form):
    """Build the observation page's context."""
    next_step = None
    if observation.observer_id == request.user.pk and observation.status in NEXT_STEP:
        key, action = NEXT_STEP[observation.status]
        next_step = {"url": reverse(f"quality:{key}", args=[observation.pk]), "action": action}
    return {
        "observation": observation,
        "observation_stages": _stages(request, observation),
        "next_step": next_step,
        "blocks": queries.observation_indicators(observation),
        "concern_indicators": observation.concern_indicators.all(),
        "actions": _action_table(request, observation),
        "events": observation.events.select_related("actor"),
        "agree_form": agree_form,
        "links": record_links("register_observation_links", request, observation),
    }


def _action_table(request, observation):
    """Return the observation's agreed actions as a sortable table."""
    table = ActionTable(list(observation.actions.all()))
    RequestConfig(request, paginate=False).configure(table)
    return table


def _observer_stage(request, pk, stage):
    """Return the observer's own observation if it is ready for a stage; 404 for anyone else."""
    observation = queries.get_observation_or_404(request.user, pk)
    if observation.observer_id != request.user.pk:
        raise Http404("No such observation.")
    return observation, may(observation, stage)


def _not_ready(request, observation):
    """Send the observer back to the observation with a reason the stage is closed."""
    messages.warning(
        request,
        f"This observation is {observation.get_status_display().lower()}: "
        "that step cannot be changed now.",
    )
    return redirect("quality:detail", observation.pk)


@login_required
def observation_list(request):
    """List the observations a person made, of itself, or in organisations it manages."""
    table = ObservationTable(queries.observations_visible_to(request.user), reader=request.user)
    RequestConfig(request, paginate={"per_page": OBSERVATIONS_PER_PAGE}).configure(table)
    may_plan = queries.observation_settings_for(request.user).exists()
    context = {"table": table, "page": table.page, "may_plan": may_plan}
    return render(request, "quality/list.html", context)


@role_required(*queries.ASSESSOR_ROLES)
def observation_plan(request):
    """Plan an observation: whom, where, when and against which indicators."""
    form = QAPlanForm(request.POST or None, observer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.qa_observation_plan(observer=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Observation planned. Next, talk it through beforehand.")
            return redirect("quality:before", observation.pk)
    return render(request, "quality/plan.html", {"form": form})


@login_required
def observation_detail(request, pk):
    """Show an observation: its findings, discussion, action document and history."""
    observation = queries.get_observation_or_404(request.user, pk)
    may_agree = observation.observed_id == request.user.pk and may(observation, "agree")
    agree_form = QAAgreeForm(initial={"version": observation.version}) if may_agree else None
    context = _detail_context(request, observation, agree_form)
    return render(request, "quality/detail.html", context)


@login_required
def observation_before(request, pk):
    """Record the talk beforehand: what the person observed is particularly concerned about."""
    observation, ready = _observer_stage(request, pk, "before")
    if not ready:
        return _not_ready(request, observation)
    initial = {
        "version": observation.version,
        "concerns_before": observation.concerns_before,
        "concern_indicators": observation.concern_indicators.all(),
    }
    form = QABeforeForm(request.POST or None, initial=initial, observation=observation)
    if request.method == "POST" and form.is_valid():
        try:
            services.qa_observation_record_before(
                observation=observation,
                actor=request.user,
                concerns_before=form.cleaned_data["concerns_before"],
                concern_indicators=form.cleaned_data["concern_indicators"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            return redirect("quality:during", observation.pk)
    context = {"observation": observation, "form": form}
    context["observation_stages"] = _stages(request, observation, "before")
    return render(request, "quality/before.html", context)


@login_required
def observation_during(request, pk):
    """Record every measure as in place, partly, not in place or not observed, all at once."""
    observation, ready = _observer_stage(request, pk, "during")
    if not ready:
        return _not_ready(request, observation)
    blocks = queries.observation_indicators(observation)
    form = QADuringForm(
        request.POST or None, initial={"version": observation.version}, blocks=blocks
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.qa_observation_record_results(
                observation=observation,
                actor=request.user,
                findings=form.findings(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            return redirect("quality:after", observation.pk)
    context = {"observation": observation, "form": form}
    context["observation_stages"] = _stages(request, observation, "during")
    return render(request, "quality/during.html", context)


@login_required
def observation_after(request, pk):
    """Record the discussion afterwards and draw up the action document."""
    observation, ready = _observer_stage(request, pk, "after")
    if not ready:
        return _not_ready(request, observation)
    initial = {
        "version": observation.version,
        "discussion_after": observation.discussion_after,
        "action_document": observation.action_document,
    }
    form = QAAfterForm(request.POST or None, initial=initial)
    formset = QAActionFormSet(request.POST or None, instance=observation, prefix="actions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.qa_observation_record_after(
                observation=observation,
                actor=request.user,
                discussion_after=form.cleaned_data["discussion_after"],
                action_document=form.cleaned_data["action_document"],
                actions=formset,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Saved. The person observed can now read and agree it.")
            return redirect("quality:detail", observation.pk)
    context = {"observation": observation, "form": form, "formset": formset}
    context["blocks"] = queries.observation_indicators(observation)
    context["observation_stages"] = _stages(request, observation, "after")
    return render(request, "quality/after.html", context)


@require_POST
@login_required
def observation_agree(request, pk):
    """The person observed agrees the write-up."""
    observation = queries.get_observation_or_404(request.user, pk)
    if observation.observed_id != request.user.pk:
        raise Http404("No such observation.")
    form = QAAgreeForm(request.POST)
    if form.is_valid():
        try:
            services.qa_observation_agree(
                observation=observation,
                observed=request.user,
                comment=form.cleaned_data["observed_comment"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Thank you. You have agreed this observation.")
            return redirect("quality:detail", observation.pk)
    context = _detail_context(request, observation, form)
    return render(request, "quality/detail.html", context)


@role_required(*MANAGING_ROLES)
def qa_report(request):
    """Findings per measure, and per practice or team, across the organisations one manages."""
    report = queries.qa_report(request.user)
    chart = any(not row.suppressed for row in report.by_measure)
    tables = {
        "measure_table": ReportTable(report.by_measure, show_setting=False, prefix="measure-"),
        "setting_table": ReportTable(report.by_setting, show_setting=True, prefix="setting-"),
    }
    config = RequestConfig(request, paginate={"per_page": REPORT_ROWS_PER_PAGE})
    for table in tables.values():
        config.configure(table)
    context = {"report": report, "chart": chart, **tables}
    return render(request, "quality/report.html", context)


@role_required(*MANAGING_ROLES)
def qa_report_chart(request):
    """The report's findings per measure as an SVG chart."""
    report = queries.qa_report(request.user)
    rows = [row for row in report.by_measure if not row.suppressed]
    if not rows:
        raise Http404("Too few observations to draw.")
    figure = charts.findings_figure(rows)
    response = HttpResponse(as_svg(figure), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response
