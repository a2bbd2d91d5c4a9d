"""Competence pages: my competences, self-assessment, evidence, verification and frameworks."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from competences import queries, services
from competences.forms import (
    BulkVerifyForm,
    EvidenceForm,
    RequestVerificationForm,
    ReturnForm,
    SelfAssessmentForm,
    VerifyForm,
)
from competences.models import (
    Competence,
    Evidence,
    Framework,
    KSFDimension,
)
from competences.page_extras import competence_links, competence_panels
from competences.tables import (
    DimensionTable,
    FrameworkCompetenceTable,
    RatedCompetenceTable,
    RequiredCompetenceTable,
)
from competences.verification_tables import VerificationQueueTable
from training_site.access import role_required
from training_site.forms import form_add_service_error
from training_site.models import Role
from training_site.scoping import ASSESSOR_ROLES, get_visible_person_or_404, has_role
from training_site.workflow import may


@login_required
def my_competences(request):
    """Show what my posts need, where I stand on each, and what to do next."""
    page = queries.competence_page(request.user)
    context = {"page": page, "person": request.user, "own": True}
    return render(
        request,
        "competences/competence_page.html",
        {**context, **_extras(request, request.user, page, own=True)},
    )


def _extras(request, person, page, own):
    """Return the page's tables with what other apps add: links per competence and panels."""
    links = competence_links(request, person, [*page.required, *page.other])
    required = RequiredCompetenceTable(
        page.required, own=own, links=links, person=person, prefix="needed-"
    )
    rated = RatedCompetenceTable(page.other, prefix="rated-")
    dimensions = DimensionTable(page.dimensions, prefix="ksf-")
    standing = "you stand" if own else f"{person.first_name} stands"
    required.caption = f"Competences the post needs and where {standing}"
    for table in (required, rated, dimensions):
        RequestConfig(request, paginate=False).configure(table)
    return {
        "required_table": required,
        "rated_table": rated,
        "dimension_table": dimensions,
        "panels": competence_panels(request, person),
    }


@login_required
def person_competences(request, pk):
    """Show a person's competence page to its managers."""
    person = get_visible_person_or_404(request.user, pk)
    page = queries.competence_page(person)
    own = person == request.user
    context = {"page": page, "person": person, "own": own, **_extras(request, person, page, own)}
    return render(request, "competences/competence_page.html", context)


@role_required(Role.HCP)
def self_assess(request, competence_pk):
    """Rate myself on a competence, or update my rating."""
    competence = get_object_or_404(Competence.objects.with_crosswalk(), pk=competence_pk)
    existing = competence.assessments.filter(hcp=request.user).first()
    initial = (
        {"level": existing.level, "statement": existing.statement, "version": existing.version}
        if existing
        else {"version": 0}
    )
    form = SelfAssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_self_assess(
                hcp=request.user,
                competence=competence,
                level=form.cleaned_data["level"],
                statement=form.cleaned_data["statement"],
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, f"Your rating of {competence.code} has been saved.")
            return redirect("competences:assessment-detail", assessment.pk)
    return render(
        request,
        "competences/self_assess.html",
        {
            "competence": competence,
            "form": form,
            "existing": existing,
            "held_evidence": Evidence.objects.held_for(request.user, competence),
        },
    )


def _detail_context(request, assessment, **forms):
    """Build the assessment page with the forms the viewer may use."""
    own = assessment.hcp_id == request.user.pk
    may_request = own and may(assessment, "request_verification")
    may_decide = assessment.assessor_id == request.user.pk and may(assessment, "decide")
    context = {
        "assessment": assessment,
        "history": queries.assessment_history(assessment),
        "evidence": assessment.evidence.select_related("added_by"),
        "own": own,
    }
    if own:
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm()
    if may_request:
        context["request_form"] = forms.get("request_form") or RequestVerificationForm(
            assessors=queries.assessors_for(assessment.hcp), initial={"version": assessment.version}
        )
    if may_decide:
        context["verify_form"] = forms.get("verify_form") or VerifyForm(
            initial={"verified_level": assessment.level, "version": assessment.version},
            has_evidence=bool(context["evidence"]),
        )
        context["return_form"] = forms.get("return_form") or ReturnForm(
            initial={"version": assessment.version}
        )
    return context


@login_required
def assessment_detail(request, pk):
    """Show an assessment, its evidence and history, to those who may see it."""
    assessment = queries.get_assessment_or_404(request.user, pk)
    return render(
        request, "competences/assessment_detail.html", _detail_context(request, assessment)
    )


def _act(request, assessment, form_name, form, write, success, next_url):
    """Run a workflow step from a posted form: on success say so, else show the form's errors."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, success(form.cleaned_data))
            return redirect(next_url)
    context = _detail_context(request, assessment, **{form_name: form})
    return render(request, "competences/assessment_detail.html", context, status=400)


def _own_assessment(request, pk):
    """Return the signed-in person's own assessment; anyone else's answers 404."""
    assessment = queries.get_assessment_or_404(request.user, pk)
    if assessment.hcp_id != request.user.pk:
        raise Http404("No such assessment.")
    return assessment


def _assessment_to_decide(request, pk):
    """Return an assessment only to its named assessor; anyone else gets 404."""
    assessment = queries.get_assessment_or_404(request.user, pk)
    if assessment.assessor_id != request.user.pk:
        raise Http404("No such assessment.")
    return assessment


@require_POST
@login_required
def add_evidence(request, pk):
    """Attach evidence to my own assessment."""
    assessment = _own_assessment(request, pk)
    return _act(
        request,
        assessment,
        "evidence_form",
        EvidenceForm(request.POST, request.FILES),
        lambda data: services.evidence_add(assessment=assessment, actor=request.user, **data),
        lambda data: "Your evidence has been added.",
        reverse("competences:assessment-detail", args=[pk]),
    )


@require_POST
@login_required
def request_verification(request, pk):
    """Ask a named trainer or manager to verify my assessment."""
    assessment = _own_assessment(request, pk)
    return _act(
        request,
        assessment,
        "request_form",
        RequestVerificationForm(request.POST, assessors=queries.assessors_for(request.user)),
        lambda data: services.assessment_request_verification(
            assessment=assessment, assessor=data["assessor"], expected_version=data["version"]
        ),
        lambda data: f"{data['assessor'].get_full_name()} has been asked to verify it.",
        reverse("competences:assessment-detail", args=[pk]),
    )


@require_POST
@login_required
def verify(request, pk):
    """Verify an assessment I was asked to verify."""
    assessment = _assessment_to_decide(request, pk)
    whose = f"{assessment.hcp.get_full_name()}'s {assessment.competence.code}"
    return _act(
        request,
        assessment,
        "verify_form",
        VerifyForm(request.POST, has_evidence=assessment.evidence.exists()),
        lambda data: services.assessment_verify(
            assessment=assessment,
            assessor=request.user,
            verified_level=data["verified_level"],
            expires_on=data["expires_on"],
            note=data["note"],
            observed_directly=data.get("observed_directly", ""),
            expected_version=data["version"],
        ),
        lambda data: f"You verified {whose}.",
        reverse("competences:verification-queue"),
    )


@require_POST
@login_required
def return_assessment(request, pk):
    """Return an assessment I was asked to verify, with an action point."""
    assessment = _assessment_to_decide(request, pk)
    whose = f"{assessment.hcp.get_full_name()}'s {assessment.competence.code}"
    return _act(
        request,
        assessment,
        "return_form",
        ReturnForm(request.POST),
        lambda data: services.assessment_return(
            assessment=assessment,
            assessor=request.user,
            action_point=data["action_point"],
            expected_version=data["version"],
        ),
        lambda data: f"You returned {whose} with an action point.",
        reverse("competences:verification-queue"),
    )


@login_required
def evidence_download(request, pk):
    """Download an evidence file, for those who may see its assessment."""
    evidence = get_object_or_404(Evidence.objects.exclude(file=""), pk=pk)
    queries.get_assessment_or_404(request.user, evidence.assessment_id)
    name = f"evidence-{evidence.pk}{Path(evidence.file.name).suffix}"
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)


@role_required(*ASSESSOR_ROLES)
def verification_queue(request):
    """List what waits for me to verify; verify several at once."""
    queue = queries.verification_queue(request.user)
    form = BulkVerifyForm(request.POST or None, queue=queue)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.assessments_verify_many(
                assessments=form.cleaned_data["assessments"], assessor=request.user
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request, f"You verified {len(done)} assessment{'s' if len(done) != 1 else ''}."
            )
            return redirect("competences:verification-queue")
    table = VerificationQueueTable(queue, form=form)
    RequestConfig(request, paginate=False).configure(table)
    context = {"queue": queue, "form": form, "table": table}
    return render(request, "competences/verification_queue.html", context)


@login_required
def framework_list(request):
    """Show each framework's competences with the KSF dimension and level they evidence."""
    frameworks = Framework.objects.prefetch_related("competences__ksf_level__dimension")
    config = RequestConfig(request, paginate=False)
    exclude = () if has_role(request.user, Role.HCP) else ("action",)
    tables = [
        (
            f,
            FrameworkCompetenceTable(
                list(f.competences.all()), prefix=f"framework-{f.pk}-", exclude=exclude
            ),
        )
        for f in frameworks
    ]
    for framework, table in tables:
        table.caption = f"Competences in {framework.name}"
        config.configure(table)
    may_import = request.user.is_superuser or has_role(request.user, Role.NETWORK_ADMIN)
    context = {"frameworks": tables, "may_import": may_import}
    return render(request, "competences/framework_list.html", context)


@login_required
def ksf_list(request):
    """Show the KSF dimensions with the competences that evidence each level."""
    dimensions = KSFDimension.objects.prefetch_related("levels__competences__framework")
    return render(request, "competences/ksf_list.html", {"dimensions": dimensions})
