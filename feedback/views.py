"""Feedback pages: forms by link or account, feedback links, the HCP's feedback, reports."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_tables2 import RequestConfig

from feedback import charts, queries, services
from feedback.forms import ResponseForm, WithdrawForm
from feedback.models import FeedbackLinkState, InstrumentPurpose, RespondentRole
from feedback.tables import AgreementTable, LinkWorkshopTable, ScoreOverTimeTable, ScoreTable
from training_site.access import role_required
from training_site.addresses import client_address
from training_site.forms import form_add_service_error
from training_site.models import Role
from training_site.record_links import record_links
from training_site.scoping import MANAGING_ROLES, get_visible_person_or_404, has_role

UNKNOWN_LINK_LIMIT = 20
REPORT_ROWS_PER_PAGE = 25
UNKNOWN_LINK_WINDOW = 600

REFUSALS = {
    "too_many": (429, "Too many links tried", "Wait ten minutes, then open your link again."),
    "unknown": (404, "This link does not work", "Check you typed or scanned the whole link."),
    "used": (410, "Your feedback has already been received", "Thank you. Each link works once."),
    "replaced": (410, "This link has been replaced", "Ask your trainer for the new link."),
    "expired": (410, "This link has expired", "Ask your trainer for a new link."),
}


def _refuse(request, reason):
    """Say clearly why a link cannot be used, with the status that fits."""
    status, heading, advice = REFUSALS[reason]
    context = {"heading": heading, "advice": advice}
    return render(request, "feedback/refused.html", context, status=status)


def _questionnaire(request, *, version, session, role, draft_key, link=None, first_name=None):
    """Show a version's questions and store the answers once; anyone may reach it by link."""
    if version is None:
        raise Http404("No questionnaire is published for this yet.")
    items = queries.version_items(version)
    asks_name = role == RespondentRole.REPRESENTATIVE
    form = ResponseForm(
        request.POST or None,
        version=version,
        items=items,
        first_name=first_name,
        asks_name=asks_name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                version=version,
                role=role,
                values=form.values(),
                subject=session.hcp,
                session=session,
                respondent=request.user if request.user.is_authenticated else None,
                link=link,
                display_name=form.display_name() if asks_name else "An observer",
            )
        except services.AlreadyReceived:
            return _refuse(request, "used")
        except ValidationError as error:
            if link is not None and link.state != FeedbackLinkState.OPEN:
                return _refuse(request, "expired")
            form_add_service_error(form, error)
        else:
            return render(request, "feedback/thanks.html", {"draft_key": draft_key})
    context = {"form": form, "session": session, "version": version, "draft_key": draft_key}
    return render(request, "feedback/questionnaire.html", context)


@never_cache
def respond(request, token):
    """The representative's feedback form, opened by a one-use link without signing in.

    Only links nobody made are slowed down: a valid link works however many guesses have come
    from the same address, such as a workshop's shared connection.
    """
    link = queries.link_for_token(token)
    if link is None:
        if _too_many_unknown_links(request):
            return _refuse(request, "too_many")
        _count_unknown_link(request)
        return _refuse(request, "unknown")
    if link.state != FeedbackLinkState.OPEN:
        return _refuse(request, link.state)
    return _questionnaire(
        request,
        version=link.version,
        session=link.session,
        role=RespondentRole.REPRESENTATIVE,
        draft_key=f"link-{link.pk}",
        link=link,
        first_name=link.session.representative_name.split(" ")[0] or None,
    )


def _unknown_links_key(request):
    """Name the counter of unknown links tried from one address."""
    return f"feedback-unknown-links:{client_address(request) or ''}"


def _too_many_unknown_links(request):
    """Say whether an address has tried too many links nobody made, lately."""
    return cache.get(_unknown_links_key(request), 0) >= UNKNOWN_LINK_LIMIT


def _count_unknown_link(request):
    """Count one more unknown link tried from an address, for ten minutes."""
    key = _unknown_links_key(request)
    if not cache.add(key, 1, UNKNOWN_LINK_WINDOW):
        cache.incr(key)


@role_required(Role.REPRESENTATIVE)
def session_respond(request, pk):
    """A representative with an account gives feedback on a session it took part in."""
    session = get_object_or_404(queries.representative_sessions(request.user), pk=pk)
    if session.given:
        return _refuse(request, "used")
    version = queries.current_version(InstrumentPurpose.REPRESENTATIVE_FEEDBACK)
    return _questionnaire(
        request,
        version=version,
        session=session,
        role=RespondentRole.REPRESENTATIVE,
        draft_key=f"session-{session.pk}",
        first_name=request.user.first_name or None,
    )


@login_required
def session_observe(request, pk):
    """An observer fills the observer's checklist about a session it watched."""
    session = get_object_or_404(queries.observed_sessions(request.user), pk=pk)
    if session.given:
        return _refuse(request, "used")
    version = queries.current_version(InstrumentPurpose.OBSERVER_CHECKLIST)
    return _questionnaire(
        request,
        version=version,
        session=session,
        role=RespondentRole.OBSERVER,
        draft_key=f"observe-{session.pk}",
    )


@role_required(Role.REPRESENTATIVE)
def my_sessions(request):
    """The sessions a representative took part in, and whether its feedback is given."""
    sessions = queries.representative_sessions(request.user)
    return render(request, "feedback/my_sessions.html", {"sessions": sessions})


@role_required(Role.TRAINER)
def workshop_list(request):
    """The workshops a trainer runs, each with its feedback links page."""
    table = LinkWorkshopTable(queries.workshops_trained_by(request.user).select_related("site"))
    RequestConfig(request, paginate={"per_page": REPORT_ROWS_PER_PAGE}).configure(table)
    return render(request, "feedback/workshop_list.html", {"table": table})


@role_required(Role.TRAINER)
def workshop_links(request, pk):
    """A workshop's feedback links: make them, see them once with a QR code, see who answered."""
    workshop = queries.get_trained_workshop_or_404(request.user, pk)
    shown_once, on_screen = f"feedback-links-made-{workshop.pk}", f"feedback-links-on-{workshop.pk}"
    if request.method == "POST":
        urls, error = _make_links(request, workshop)
        if error is None:
            request.session[shown_once] = {**request.session.get(on_screen, {}), **urls}
            return redirect("feedback:workshop-links", workshop.pk)
    else:
        urls, error = request.session.pop(shown_once, {}), None
        request.session[on_screen] = urls
    rows = queries.link_rows(workshop)
    made = {int(pk): {"url": url, "qr": _qr_svg(url)} for pk, url in urls.items()}
    context = {"workshop": workshop, "rows": rows, "made": made, "error": error}
    return render(request, "feedback/workshop_links.html", context)


def _make_links(request, workshop):
    """Make links for the chosen session, or every session still waiting for feedback.

    Returns each new link's address by session id, shown once after a redirect so that
    reloading the page never replaces links already handed out.
    """
    wanted = request.POST.get("session")
    sessions = workshop.simulation_sessions.all()
    if wanted != "all":
        sessions = sessions.filter(pk=wanted if str(wanted).isdigit() else None)
    made = {}
    try:
        for session in sessions:
            if (
                wanted == "all"
                and session.feedback_responses.filter(role="representative").exists()
            ):
                continue
            _link, token = services.link_create(session=session, actor=request.user)
            made[str(session.pk)] = request.build_absolute_uri(
                reverse("feedback:respond", args=[token])
            )
    except ValidationError as error:
        return made, " ".join(error.messages)
    return made, None


def _qr_svg(url):
    """Draw a link as an inline SVG QR code."""
    title = "QR code of the feedback link"
    return segno.make(url, error="m").svg_inline(scale=4, title=title, svgclass="yoc-qr")


@role_required(Role.HCP)
def my_feedback(request):
    """Feedback about me from representatives and observers, with my scores over time."""
    responses = queries.feedback_about(request.user)
    return render(request, "feedback/my_feedback.html", {"responses": responses})


@role_required(Role.HCP)
def response_detail(request, pk):
    """One piece of feedback about me, in the wording it answered, with what I can do with it."""
    response = queries.get_response_for_subject_or_404(request.user, pk)
    links = record_links("register_feedback_links", request, response)
    return render(request, "feedback/response_detail.html", {"response": response, "links": links})


@role_required(Role.TRAINER, *MANAGING_ROLES)
def report(request):
    """Feedback scores per workshop, scenario and site, and how raters agree."""
    role = request.GET.get("role") or RespondentRole.REPRESENTATIVE
    if role not in (RespondentRole.REPRESENTATIVE, RespondentRole.OBSERVER):
        role = RespondentRole.REPRESENTATIVE
    data = queries.feedback_report(request.user, role=role)
    tables = {
        f"{group}_table": ScoreTable(
            rows,
            heading=heading,
            threshold=data.threshold,
            scales=data.scales,
            prefix=f"{group}-",
        )
        for group, heading, rows in (
            ("workshop", "Workshop", data.by_workshop),
            ("scenario", "Scenario", data.by_scenario),
            ("site", "Site", data.by_site),
        )
    }
    tables["agreement_table"] = AgreementTable(
        data.agreement.rows, threshold=data.threshold, prefix="agreement-"
    )
    config = RequestConfig(request, paginate={"per_page": REPORT_ROWS_PER_PAGE})
    for table in tables.values():
        config.configure(table)
    return render(request, "feedback/report.html", {"report": data, "role": role, **tables})


@role_required(Role.TRAINER, *MANAGING_ROLES)
def agreement_chart(request):
    """The agreement between representatives and observers as an SVG image."""
    rows = queries.agreement(queries.responses_in_report_scope(request.user)).rows
    return _svg(charts.agreement_svg(rows))


@login_required
def person_report(request, pk):
    """Scores of feedback about one HCP over time, for the HCP and those who manage it."""
    person = get_visible_person_or_404(request.user, pk)
    points = queries.hcp_scores_over_time(person)
    own = person == request.user
    may_withdraw = has_role(request.user, Role.NETWORK_ADMIN) and not own
    table = ScoreOverTimeTable(points, may_withdraw=may_withdraw)
    RequestConfig(request, paginate={"per_page": REPORT_ROWS_PER_PAGE}).configure(table)
    context = {"person": person, "points": points, "own": own, "table": table}
    return render(request, "feedback/person_report.html", context)


@login_required
def person_chart(request, pk):
    """One HCP's feedback scores over time as an SVG image."""
    person = get_visible_person_or_404(request.user, pk)
    points = [p for p in queries.hcp_scores_over_time(person) if p.score is not None]
    return _svg(charts.scores_over_time_svg(points) if points else None)


def _svg(svg):
    """Answer with a chart, or 404 when there is nothing to draw."""
    if svg is None:
        raise Http404("Nothing to draw.")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


@role_required(Role.NETWORK_ADMIN)
def response_withdraw(request, pk):
    """Withdraw a response from the HCP's page and the reports, saying why; it stays on record."""
    response = queries.get_withdrawable_response_or_404(request.user, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.response_withdraw(
            response=response, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "The response is withdrawn. Its history keeps your reason.")
        return redirect("feedback:person-report", response.subject_id)
    return render(request, "feedback/withdraw.html", {"form": form, "response": response})
