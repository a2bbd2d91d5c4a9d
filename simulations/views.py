"""Scenario library, simulation rota, session pages and care plans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django_tables2 import RequestConfig

from simulations import queries, services
from simulations.forms import CarePlanActionFormSet, CarePlanForm, ScenarioFilterForm, SessionForm
from simulations.models import CarePlan
from simulations.tables import MyConsultationTable
from training_site.access import role_required
from training_site.forms import form_add_service_error
from training_site.models import Role
from training_site.record_links import record_links

LIBRARY_ROLES = (Role.TRAINER, Role.NETWORK_ADMIN)
CONSULTATIONS_PER_PAGE = 25
SESSION_FIELDS = [
    "starts_at",
    "room",
    "hcp",
    "scenario",
    "representative",
    "representative_name",
    "observers",
]


@role_required(*LIBRARY_ROLES)
def scenario_list(request):
    """The scenario library, filtered by domain, difficulty and target competence."""
    form = ScenarioFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    scenarios = queries.scenario_library(**{k: v for k, v in filters.items() if v})
    return render(request, "simulations/scenario_list.html", {"form": form, "scenarios": scenarios})


@role_required(*LIBRARY_ROLES)
def scenario_detail(request, pk):
    """Everything about a scenario, for a trainer."""
    scenario = queries.scenario_with_results(pk)
    return render(request, "simulations/scenario_detail.html", {"scenario": scenario})


@role_required(*LIBRARY_ROLES)
def scenario_letter(request, pk):
    """The results letter of a scenario, as the person received it."""
    scenario = queries.scenario_with_results(pk)
    return render(request, "simulations/letter.html", {"scenario": scenario})


@login_required
def session_letter(request, pk):
    """The results letter of the scenario a session plays, for anyone in the session."""
    session = queries.get_session_or_404(request.user, pk)
    scenario = queries.scenario_with_results(session.scenario_id)
    return render(request, "simulations/letter.html", {"scenario": scenario, "session": session})


@login_required
def session_role_card(request, pk):
    """The role card and results letter, for the representative and the trainers."""
    session = queries.get_session_or_404(request.user, pk)
    if queries.session_role(request.user, session) not in ("representative", "trainer"):
        raise Http404("No such role card.")
    scenario = queries.scenario_with_results(session.scenario_id)
    return render(request, "simulations/role_card.html", {"session": session, "scenario": scenario})


@login_required
def session_detail(request, pk):
    """One simulated consultation, showing what the person's part in it lets them see."""
    session = queries.get_session_or_404(request.user, pk)
    context = {
        "session": session,
        "role": queries.session_role(request.user, session),
        "care_plan": CarePlan.objects.filter(session=session).prefetch_related("actions").first(),
        "links": record_links("register_session_links", request, session),
    }
    return render(request, "simulations/session_detail.html", context)


@login_required
def care_plan_edit(request, pk):
    """The HCP records the care plan it agreed in the consultation."""
    session = queries.get_session_or_404(request.user, pk)
    if session.hcp_id != request.user.pk:
        raise Http404("No such care plan.")
    care_plan = CarePlan.objects.filter(session=session).first() or CarePlan(session=session)
    form = CarePlanForm(
        request.POST or None, instance=care_plan, initial={"version": care_plan.version}
    )
    formset = CarePlanActionFormSet(request.POST or None, instance=care_plan, prefix="actions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = {name: form.cleaned_data[name] for name in CarePlanForm.Meta.fields}
        try:
            services.care_plan_save(
                session=session,
                fields=fields,
                actions_formset=formset,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Your care plan is saved.")
            return redirect("simulations:session-detail", pk=session.pk)
    context = {"session": session, "form": form, "formset": formset}
    return render(request, "simulations/care_plan_form.html", context)


@login_required
def my_consultations(request):
    """The HCP's simulated consultations, played or observed."""
    sessions = list(queries.my_consultations(request.user))
    table = MyConsultationTable(sessions, person=request.user)
    RequestConfig(request, paginate={"per_page": CONSULTATIONS_PER_PAGE}).configure(table)
    return render(request, "simulations/my_consultations.html", {"table": table})


@role_required(Role.REPRESENTATIVE)
def representative_sessions(request):
    """The sessions a representative plays the person in."""
    rows = [
        (session, record_links("register_session_links", request, session))
        for session in queries.representative_sessions(request.user)
    ]
    return render(request, "simulations/representative_sessions.html", {"rows": rows})


@login_required
def rota(request, workshop_pk):
    """A workshop's simulation rota: its trainers manage it, its site's managers read it."""
    workshop = queries.get_rota_workshop_or_404(request.user, workshop_pk)
    context = {
        "workshop": workshop,
        "slots": queries.rota(workshop),
        "manage": queries.runs_workshop(request.user, workshop),
    }
    return render(request, "simulations/rota.html", context)


@login_required
def session_create(request, workshop_pk):
    """Add a simulated consultation to a workshop's rota."""
    workshop = queries.get_rota_workshop_or_404(request.user, workshop_pk, manage=True)
    form = SessionForm(request.POST or None, people=queries.rota_people(workshop))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_create(workshop=workshop, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "The consultation is on the rota.")
            return redirect("simulations:rota", workshop_pk=workshop.pk)
    return render(request, "simulations/session_form.html", {"workshop": workshop, "form": form})


@login_required
def session_edit(request, pk):
    """Change a simulated consultation in the rota."""
    session = _managed_session_or_404(request, pk)
    initial = {name: getattr(session, name) for name in SESSION_FIELDS if name != "observers"}
    initial["observers"] = list(session.observers.all())
    form = SessionForm(
        request.POST or None, initial=initial, people=queries.rota_people(session.workshop)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "The consultation is changed.")
            return redirect("simulations:rota", workshop_pk=session.workshop_id)
    context = {"workshop": session.workshop, "form": form, "session": session}
    return render(request, "simulations/session_form.html", context)


@login_required
def session_delete(request, pk):
    """Take a consultation off the rota, after asking."""
    session = _managed_session_or_404(request, pk)
    if request.method == "POST":
        try:
            services.session_delete(session=session, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The consultation is off the rota.")
        return redirect("simulations:rota", workshop_pk=session.workshop_id)
    return render(request, "simulations/session_delete.html", {"session": session})


def _managed_session_or_404(request, pk):
    """A session of a workshop the person trains at, or 404."""
    session = queries.get_session_or_404(request.user, pk)
    if not queries.may_manage_session(request.user, session):
        raise Http404("No such session.")
    return session
