"""Portfolio pages: reflections and sharing, the development plan, the timeline, the export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from portfolio import exports, queries, services
from portfolio.forms import (
    ExportForm,
    GoalActionFormset,
    GoalForm,
    GoalReviewForm,
    ReflectionForm,
    ReflectionStructureForm,
    ShareForm,
    TimelineFilterForm,
    reflection_initial,
)
from portfolio.models import ReflectionShare, ReflectionStatus
from portfolio.structures import ReflectiveModel
from portfolio.tables import (
    PORTFOLIO_PER_PAGE,
    GoalActionTable,
    GoalTable,
    ReflectionTable,
    SharedReflectionTable,
)
from training_site.access import role_required
from training_site.forms import form_add_service_error
from training_site.models import Role

CONTEXT_PARAMS = ("workshop", "session", "feedback", "observation")


def paginated(request, table):
    """Sort and paginate a table from the query string."""
    RequestConfig(request, paginate={"per_page": PORTFOLIO_PER_PAGE}).configure(table)
    return table


@role_required(Role.HCP)
def reflection_list(request):
    """List my reflections with whom each is shared."""
    reflections = queries.my_reflections(request.user)
    table = paginated(request, ReflectionTable(reflections))
    return render(request, "portfolio/reflection_list.html", {"table": table})


def _prefill(request, form):
    """Return initial context links from the query string, only those the author may choose."""
    initial = {}
    for name in CONTEXT_PARAMS:
        value = request.GET.get(name, "")
        record = form.fields[name].queryset.filter(pk=value).first() if value.isdigit() else None
        if record is not None:
            initial[name] = record.pk
            if name == "feedback" and record.session_id:
                initial["session"] = record.session_id
    return initial


def _chosen_structure(request):
    """Return the structure chosen for a new reflection; links made before its rename still work."""
    return request.POST.get("structure") or request.GET.get("structure") or request.GET.get("model")


@role_required(Role.HCP)
def reflection_new(request):
    """Start a reflection: choose its structure, then write it, context prefilled."""
    structure = _chosen_structure(request)
    if structure not in ReflectiveModel.values:
        form = ReflectionStructureForm(initial={"structure": ReflectiveModel.WHAT_SO_WHAT})
        params = {k: v for k, v in request.GET.items() if k in CONTEXT_PARAMS}
        return render(request, "portfolio/reflection_choose.html", {"form": form, "params": params})
    form = ReflectionForm(request.POST or None, author=request.user, structure=structure)
    if request.method == "GET":
        form.initial = _prefill(request, form)
    return _reflection_form(request, form, None)


@role_required(Role.HCP)
def reflection_edit(request, pk):
    """Change one of my reflections."""
    reflection = queries.get_own_reflection_or_404(request.user, pk)
    form = ReflectionForm(
        request.POST or None,
        author=request.user,
        structure=reflection.structure,
        linked_competences=reflection.competences.all(),
        initial=reflection_initial(reflection),
    )
    return _reflection_form(request, form, reflection)


def _reflection_form(request, form, reflection):
    """Save a posted reflection as a draft or complete, or show the form with its messages."""
    if request.method == "POST" and form.is_valid():
        complete = request.POST.get("action") == "complete"
        status = ReflectionStatus.COMPLETE if complete else ReflectionStatus.DRAFT
        try:
            reflection = services.reflection_save(
                author=request.user,
                reflection=reflection,
                status=status,
                **form.service_arguments(),
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            saved = "saved and marked complete" if complete else "saved as a draft"
            messages.success(request, f"Your reflection has been {saved}.")
            return redirect("portfolio:reflection", reflection.pk)
    context = {"form": form, "reflection": reflection, "structure": ReflectiveModel(form.structure)}
    return render(request, "portfolio/reflection_form.html", context)


@require_POST
@role_required(Role.HCP)
def reflection_autosave(request):
    """Save what I am typing as a draft and say when; answer its id for the next save."""
    pk = request.POST.get("reflection", "")
    reflection = queries.get_own_reflection_or_404(request.user, pk) if pk else None
    structure = reflection.structure if reflection else request.POST.get("structure")
    if structure not in ReflectiveModel.values:
        return JsonResponse({"saved": False, "message": "Choose a structure first."}, status=400)
    form = ReflectionForm(request.POST, author=request.user, structure=structure)
    if not form.is_valid():
        message = "Not saved: check the messages on the page when you save."
        if "identifiers_checked" in form.errors:
            message = "Not saved: the text may identify a patient. Save it to see where."
        return JsonResponse({"saved": False, "message": message}, status=400)
    status = reflection.status if reflection else ReflectionStatus.DRAFT
    try:
        reflection = services.reflection_save(
            author=request.user, reflection=reflection, status=status, **form.service_arguments()
        )
    except ValidationError:
        return JsonResponse({"saved": False, "message": "Not saved yet."}, status=400)
    saved_at = timezone.localtime(reflection.updated_at)
    return JsonResponse(
        {"saved": True, "id": reflection.pk, "message": f"Draft saved at {saved_at:%H:%M}"}
    )


@login_required
def reflection_detail(request, pk):
    """Show a reflection to its author, with sharing, or to someone it is shared with."""
    reflection = queries.get_reflection_or_404(request.user, pk)
    own = reflection.author_id == request.user.pk
    context = {"reflection": reflection, "own": own}
    if own:
        context["shares"] = reflection.shares.select_related("shared_with")
        context["share_form"] = ShareForm(reflection=reflection)
    return render(request, "portfolio/reflection_detail.html", context)


@require_POST
@role_required(Role.HCP)
def reflection_share(request, pk):
    """Share one of my reflections with a named trainer or manager."""
    reflection = queries.get_own_reflection_or_404(request.user, pk)
    form = ShareForm(request.POST, reflection=reflection)
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.reflection_share(reflection=reflection, person=person, actor=request.user)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, f"Your reflection is shared with {person.get_full_name()}.")
            return redirect("portfolio:reflection", pk)
    context = {"reflection": reflection, "own": True, "share_form": form}
    context["shares"] = reflection.shares.select_related("shared_with")
    return render(request, "portfolio/reflection_detail.html", context, status=400)


@require_POST
@role_required(Role.HCP)
def share_withdraw(request, pk):
    """Withdraw the sharing of one of my reflections: the person loses access at once."""
    share = get_object_or_404(
        ReflectionShare.objects.select_related("shared_with"),
        pk=pk,
        reflection__author=request.user,
    )
    services.reflection_share_withdraw(share=share, actor=request.user)
    messages.success(request, f"{share.shared_with.get_full_name()} can no longer see it.")
    return redirect("portfolio:reflection", share.reflection_id)


@require_POST
@role_required(Role.HCP)
def reflection_delete(request, pk):
    """Delete one of my reflections."""
    reflection = queries.get_own_reflection_or_404(request.user, pk)
    services.reflection_delete(reflection=reflection, actor=request.user)
    messages.success(request, f"“{reflection.title}” has been deleted.")
    return redirect("portfolio:reflections")


@login_required
def shared_with_me(request):
    """List the reflections people share with me."""
    reflections = queries.reflections_shared_with(request.user)
    table = paginated(request, SharedReflectionTable(reflections))
    return render(request, "portfolio/shared_with_me.html", {"table": table})


@role_required(Role.HCP)
def goal_list(request):
    """Show my personal development plan."""
    goals = queries.my_goals(request.user)
    table = paginated(request, GoalTable(goals))
    return render(request, "portfolio/goal_list.html", {"table": table})


def _goal_prefill(request, form):
    """Return a new goal's initial values from a competence gap or a QA observation of mine."""
    initial = {}
    competence = request.GET.get("competence", "")
    if competence.isdigit() and form.fields["competence"].queryset.filter(pk=competence):
        initial["competence"] = int(competence)
    observation = request.GET.get("observation", "")
    seen = observation.isdigit() and queries.observations_of(request.user).filter(pk=observation)
    if seen:
        initial["why"] = f"Following my QA observation on {seen[0].observed_on:%d %B %Y}."
    return initial


@role_required(Role.HCP)
def goal_new(request):
    """Plan a goal, from a competence gap when one is given."""
    form = GoalForm(request.POST or None, hcp=request.user)
    if request.method == "GET":
        form.initial = _goal_prefill(request, form)
    actions = GoalActionFormset(request.POST or None, prefix="actions")
    return _goal_form(request, form, actions)


@role_required(Role.HCP)
def goal_edit(request, pk):
    """Change one of my goals and its actions."""
    goal = queries.get_own_goal_or_404(request.user, pk)
    form = GoalForm(request.POST or None, instance=goal, hcp=request.user)
    actions = GoalActionFormset(request.POST or None, instance=goal, prefix="actions")
    return _goal_form(request, form, actions)


def _goal_form(request, form, actions):
    """Save a goal with its actions together, or show both with their messages."""
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        try:
            goal = services.goal_save(hcp=request.user, form=form, actions=actions)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, f"Your goal “{goal.title}” has been saved.")
            return redirect("portfolio:goal", goal.pk)
    return render(request, "portfolio/goal_form.html", {"form": form, "actions": actions})


@role_required(Role.HCP)
def goal_detail(request, pk):
    """Show one of my goals, its actions and its review."""
    goal = queries.get_own_goal_or_404(request.user, pk)
    actions = GoalActionTable(list(goal.actions.all()))
    RequestConfig(request, paginate=False).configure(actions)
    return render(request, "portfolio/goal_detail.html", {"goal": goal, "actions": actions})


@role_required(Role.HCP)
def goal_review(request, pk):
    """Record how one of my goals came out at review."""
    goal = queries.get_own_goal_or_404(request.user, pk)
    initial = {"status": goal.status, "outcome": goal.outcome, "reviewed_on": timezone.localdate()}
    form = GoalReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_review(goal=goal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Your review has been recorded.")
            return redirect("portfolio:goal", goal.pk)
    return render(request, "portfolio/goal_review.html", {"goal": goal, "form": form})


@role_required(Role.HCP)
def timeline(request):
    """Show my learning in one list: workshops, feedback, reflections, assessments and goals."""
    form = TimelineFilterForm(request.GET or None, hcp=request.user)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {k: data[k] or None for k in ("start", "end", "competence")}
        filters["kinds"] = data["kind"] or None
    entries = queries.timeline(request.user, **filters) if not form.errors else []
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "portfolio/timeline.html", context)


@role_required(Role.HCP)
def export(request):
    """Choose what of my portfolio to export, and download it as a PDF or a JSON file."""
    form = ExportForm(request.POST or None, hcp=request.user, initial={"parts": ["reflections"]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = exports.portfolio_export(
            hcp=request.user, parts=data["parts"], reflections=data["reflections"]
        )
        name = f"portfolio-{slugify(request.user.get_full_name())}-{timezone.localdate():%Y-%m-%d}"
        if data["file_format"] == "json":
            response = HttpResponse(
                exports.json_document(document), content_type="application/json"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        else:
            response = HttpResponse(exports.pdf_document(document), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "portfolio/export.html", {"form": form})
