"""Demo curriculum: the unified programme and a programme for each pilot site; safe to rerun.

Also the editing rules: trainers edit the unified programme and submit changes for approval;
each site's trainers edit and publish their own site's programme; curriculum approvers
publish anything. Reading the curriculum needs a sign-in (enforced by the page types themselves).
"""

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from competences.models import Competence
from curriculum.components import load_essential_components
from curriculum.models import (
    CurriculumIndexPage,
    DeliveryMethod,
    EssentialComponent,
    LearningOutcome,
    ModulePage,
    ProgrammePage,
    ProgrammeStatus,
)
from training_site.demo import TRAINERS_GROUP
from training_site.models import Organisation, Role, User

APPROVERS_GROUP = "Curriculum approvers"
PHILOSOPHY = "The care planning philosophy and consultation skills"
CHALLENGING = "Challenging existing consultation behaviours"
GOALS = "Goal setting and action planning"
REFLECTION = "Promoting reflective practice"
PROCESSES = "Organisational processes"
QUALITY = "Quality assurance"
MODELLING = "Modelling the approach throughout"
ENGAGING = "Engaging clinicians to attend"

# key: (title, aims, outcomes, minutes, method, competence codes, component names, notes)
MODULES = {
    "model": (
        "The care planning model and its four domains",
        "To understand care planning as a meeting between two experts, and the four domains "
        "a care planning conversation can touch: learning about diabetes, managing it, living "
        "with it, and other health and social issues.",
        [
            "Describe how a care planning consultation differs from a traditional review",
            "Name the four care planning domains and give an example of each",
            "Explain why the person's own agenda comes first",
        ],
        90,
        DeliveryMethod.PRESENTATION,
        ["Diab HA1", "Diab HA2"],
        [PHILOSOPHY, CHALLENGING],
        "Start with participants' own experience of being a patient. Keep the slides short.",
    ),
    "results": (
        "Preparing the person with their results",
        "To plan how people receive their test results, explained in plain words, before the "
        "care planning consultation, so that they arrive ready to talk about what matters to them.",
        [
            "Write a results letter a person can understand without help",
            "Plan the two-visit process: tests first, conversation second",
            "Suggest questions the person might want to bring",
        ],
        60,
        DeliveryMethod.WORKSHOP,
        ["Diab HA1"],
        [PROCESSES, PHILOSOPHY],
        "Bring anonymised results letters from local practices to rewrite together.",
    ),
    "stories": (
        "Sharing stories and negotiating the agenda",
        "To practise opening a consultation with the person's story and agreeing together what "
        "the conversation will cover, with a user representative playing the person.",
        [
            "Open a consultation with an open question and listen without interrupting",
            "Agree an agenda that starts from the person's priorities",
            "Notice and hold back the urge to fix or advise",
        ],
        120,
        DeliveryMethod.SIMULATION,
        ["Diab HA1", "Diab HA6"],
        [PHILOSOPHY, CHALLENGING, MODELLING],
        "Pair each participant with a user representative and a scenario; observers use the "
        "checklist. Leave time for the representative's feedback.",
    ),
    "goals": (
        "Goal setting and action planning",
        "To help people choose goals that matter to them and turn them into small, specific "
        "actions they are confident they can do.",
        [
            "Help a person choose one goal of their own",
            "Agree an action plan: what, when, how often, with whom",
            "Ask about confidence on a 0 to 10 scale and adjust the plan until it is 7 or more",
        ],
        90,
        DeliveryMethod.WORKSHOP,
        ["Diab HA6", "Diab HA2"],
        [GOALS, MODELLING],
        "Participants set a goal of their own for the weeks before the follow-up session.",
    ),
    "recording": (
        "Recording the care plan",
        "To record what was agreed so that the person and the team can both use it.",
        [
            "Record goals and actions in the person's own words",
            "Share the plan with the person and agree when to review it",
        ],
        45,
        DeliveryMethod.SMALL_GROUP,
        ["Diab HA1", "Diab HA2", "Diab HD7"],
        [PROCESSES],
        "Show the local clinical system's care plan template.",
    ),
    "processes": (
        "The organisational processes around care planning",
        "To plan the practice systems care planning needs: recall, tests before the visit, "
        "longer appointments and a team that works the same way.",
        [
            "Map the practice's current annual review process",
            "Plan the changes needed for care planning and who will make them",
            "Plan how to bring colleagues who did not attend on board",
        ],
        60,
        DeliveryMethod.SMALL_GROUP,
        ["Diab HA1"],
        [PROCESSES, ENGAGING],
        "Practice teams work together; the manager's presence helps.",
    ),
    "quality": (
        "Quality assurance of care planning",
        "To observe care planning consultations against quality indicators and use what is "
        "found to improve.",
        [
            "Use the observation checklist on a recorded consultation",
            "Give and receive feedback on an observed consultation",
            "Plan one change to practice from the feedback",
        ],
        60,
        DeliveryMethod.WORKSHOP,
        ["Diab HA1", "Diab HD8"],
        [QUALITY, REFLECTION],
        "Agree ground rules for observing one another before starting.",
    ),
    "follow_up": (
        "Follow-up half day: reflecting on practice",
        "To reflect on care planning consultations since the first day, and on the goals "
        "participants set themselves.",
        [
            "Reflect on a recent consultation using What? So what? Now what?",
            "Review your own goal and action plan from the first day",
        ],
        180,
        DeliveryMethod.SMALL_GROUP,
        ["Diab HA6", "Diab HA2"],
        [REFLECTION, MODELLING, GOALS],
        "Open with participants' own goals: model the review step of care planning.",
    ),
}

# title, site code (None for unified), status, format, audience, module keys
PROGRAMMES = [
    (
        "Year of Care unified care planning programme",
        None,
        ProgrammeStatus.ADOPTED,
        "One day plus a follow-up half day",
        "Health care professionals who review people with diabetes, and their practice teams",
        ["model", "results", "stories", "goals", "recording", "processes", "quality", "follow_up"],
    ),
    (
        "Tower Hamlets care planning workshops",
        "YOC-TH",
        ProgrammeStatus.PILOT,
        "Two half days a month apart",
        "Practice nurses, GPs and healthcare assistants in Tower Hamlets practices",
        ["model", "results", "stories", "goals", "recording", "follow_up"],
    ),
    (
        "Calderdale and Kirklees care planning course",
        "YOC-CK",
        ProgrammeStatus.PILOT,
        "One day",
        "Primary care diabetes teams in Calderdale and Kirklees",
        ["model", "stories", "goals", "processes", "quality"],
    ),
    (
        "North of Tyne partnership consultation training",
        "YOC-NT",
        ProgrammeStatus.PILOT,
        "One day plus a follow-up half day",
        "Practice and community diabetes staff in North of Tyne",
        ["model", "results", "stories", "goals", "quality", "follow_up"],
    ),
]


@transaction.atomic
def build_demo_curriculum():
    """Create the curriculum pages, editing groups and approval workflow if missing."""
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    load_essential_components(django_apps)
    index = _index()
    competences = {c.code: c for c in Competence.objects.all()}
    components = {c.name: c for c in EssentialComponent.objects.all()}
    programmes = {}
    for title, site_code, status, delivery_format, audience, module_keys in PROGRAMMES:
        programme = ProgrammePage.objects.child_of(index).filter(title=title).first()
        if programme is None:
            programme = ProgrammePage(
                title=title,
                unified=site_code is None,
                owning_site=Organisation.objects.filter(code=site_code).first(),
                status=status,
                delivery_format=delivery_format,
                audience=audience,
                summary=f"<p>{audience}: {delivery_format.lower()}.</p>",
            )
            index.add_child(instance=programme)
            programme.save_revision(user=admin).publish(user=admin)
            for key in module_keys:
                _module(programme, MODULES[key], competences, components, admin)
        programmes[site_code] = programme
    _editing_rules(index, programmes)


def _index():
    """Return the curriculum index as the site's root page, creating it if missing."""
    index = CurriculumIndexPage.objects.first()
    if index is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        index = CurriculumIndexPage(
            title="Curriculum",
            slug="curriculum",
            intro="<p>The care planning training programmes: each pilot site's own, and the "
            "unified programme they agreed together.</p>",
        )
        root.add_child(instance=index)
        index.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        welcome = site.root_page if site else None
        if site:
            site.root_page = index
            site.save()
        else:
            Site.objects.create(hostname="localhost", root_page=index, is_default_site=True)
        if welcome and welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()
    return index


def _module(programme, spec, competences, components, admin):
    """Create one published module below a programme."""
    title, aims, outcomes, minutes, method, codes, names, notes = spec
    module = ModulePage(
        title=title,
        aims=f"<p>{aims}</p>",
        duration_minutes=minutes,
        delivery_method=method,
        facilitator_notes=f"<p>{notes}</p>",
    )
    module.outcomes = [LearningOutcome(text=text) for text in outcomes]
    module.competences = [competences[code] for code in codes]
    module.components = [components[name] for name in names]
    programme.add_child(instance=module)
    module.save_revision(user=admin).publish(user=admin)


def _permission(codename, app_label="wagtailcore"):
    """Return a permission by app and codename."""
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant(group, page, *codenames):
    """Give a group page permissions on a page and everything below it."""
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(codename)
        )


def _editing_rules(index, programmes):
    """Who may edit and publish which programme, and the approval workflow."""
    trainers, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    approvers, _ = Group.objects.get_or_create(name=APPROVERS_GROUP)
    approvers.permissions.add(_permission("access_admin", "wagtailadmin"))
    _grant(approvers, index, "add_page", "change_page", "publish_page")
    _grant(trainers, programmes[None], "add_page", "change_page")
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for group in (trainers, approvers):
        for codename in ("add_document", "change_document", "choose_document"):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(codename, "wagtaildocs")
            )
    for site_code, programme in programmes.items():
        if site_code is None:
            continue
        site_group, _ = Group.objects.get_or_create(name=f"Trainers: {programme.owning_site.name}")
        site_group.permissions.add(_permission("access_admin", "wagtailadmin"))
        _grant(site_group, programme, "add_page", "change_page", "publish_page")
        for user in User.objects.filter(
            memberships__role=Role.TRAINER, memberships__organisation=programme.owning_site
        ):
            user.groups.add(site_group)
    User.objects.get(email="admin@example.org").groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name="Curriculum approval")
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Approval by the curriculum approvers")
        task.groups.set([approvers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=programmes[None], defaults={"workflow": workflow})
    WorkflowPage.objects.filter(page__depth=1).delete()
