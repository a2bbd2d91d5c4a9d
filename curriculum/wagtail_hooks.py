"""Curriculum links, home panels, training offers and demo content."""

from django.db.models import Q
from wagtail import hooks

from curriculum import queries
from curriculum.models import ModulePage, ProgrammePage
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem
from training_site.scoping import organisations_managed_by

REMINDER_DAYS_BEFORE = 2


@hooks.register("register_navigation_items")
def curriculum_navigation(request, roles):
    """The curriculum for everyone who has signed in."""
    url = queries.curriculum_index_url()
    if url is None:
        return []
    return [NavigationItem("Curriculum", url, order=30)]


@hooks.register("register_home_panels")
def curriculum_home_panels(request, roles):
    """Trainers who edit content see curriculum changes not yet approved."""
    if Role.TRAINER not in roles or not request.user.has_perm("wagtailadmin.access_admin"):
        return []
    pending = queries.pages_awaiting_approval(request.user)[:5]
    return [
        HomePanel(
            Role.TRAINER,
            "Curriculum changes not yet approved",
            "curriculum/panels/changes.html",
            {"pages": pending},
            order=40,
        )
    ]


@hooks.register("register_training_offers")
def curriculum_training_offers(request, competence_ids):
    """The live modules that develop each competence, named with their programme.

    Only the unified programme's modules and those of the sites the person manages are
    offered: another site's programme is not theirs to book.
    """
    offers = {}
    programmes = {
        p.path: p
        for p in ProgrammePage.objects.live().filter(
            Q(owning_site__isnull=True) | Q(owning_site__in=organisations_managed_by(request.user))
        )
    }
    modules = (
        ModulePage.objects.live()
        .filter(competences__in=competence_ids)
        .prefetch_related("competences")
        .distinct()
        .order_by("path")
    )
    for module in modules:
        programme = programmes.get(module.path[: -module.steplen])
        if programme is None:
            continue
        for competence in module.competences.all():
            if competence.pk in competence_ids:
                offers.setdefault(competence.pk, []).append(
                    {"label": f"Module: {module.title} ({programme.title})", "url": module.url}
                )
    return offers


@hooks.register("register_demo_content")
def curriculum_demo_content(stdout=None):
    """The unified programme and a programme for each pilot site."""
    from curriculum.demo import build_demo_curriculum

    build_demo_curriculum()
