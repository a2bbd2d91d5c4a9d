"""Curriculum links, home panels, training offers and demo content."""

from wagtail import hooks

from curriculum import queries
from curriculum.models import ModulePage
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem

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
    """The live modules that develop each competence, for the training needs analysis."""
    offers = {}
    modules = (
        ModulePage.objects.live()
        .filter(competences__in=competence_ids)
        .prefetch_related("competences")
        .distinct()
    )
    for module in modules:
        for competence in module.competences.all():
            if competence.pk in competence_ids:
                offers.setdefault(competence.pk, []).append(
                    {"label": f"Module: {module.title}", "url": module.url}
                )
    return offers


@hooks.register("register_demo_content")
def curriculum_demo_content(stdout=None):
    """The unified programme and a programme for each pilot site."""
    from curriculum.demo import build_demo_curriculum

    build_demo_curriculum()
