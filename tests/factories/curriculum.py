"""Curriculum pages built in the page tree, published unless asked for a draft; workshops."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from curriculum.models import (
    CurriculumIndexPage,
    DeliveryMethod,
    EssentialComponent,
    LearningOutcome,
    ModulePage,
    ModuleResource,
    ProgrammePage,
    ProgrammeStatus,
)


def component(name):
    """Return an essential component loaded by the data migration."""
    return EssentialComponent.objects.get(name=name)


def _place(parent, page, *, live, user=None):
    """Add a page below its parent, then publish it or leave it a draft."""
    if not live:
        page.live = False
        page.has_unpublished_changes = True
    parent.add_child(instance=page)
    revision = page.save_revision(user=user)
    if live:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def curriculum_index(**fields):
    """Create the curriculum index as the default site's root page, as the demo does."""
    index = CurriculumIndexPage(
        title=fields.pop("title", "Curriculum"),
        slug=fields.pop("slug", "curriculum"),
        intro=fields.pop("intro", "<p>The care planning training programmes.</p>"),
        **fields,
    )
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    _place(root, index, live=True)
    if not Site.objects.filter(is_default_site=True).update(root_page=index):
        Site.objects.create(hostname="localhost", root_page=index, is_default_site=True)
    return index


def programme_page(index, title, *, owning_site=None, live=True, **fields):
    """Create a site's programme, or the unified one when no site owns it."""
    fields.setdefault("unified", owning_site is None)
    fields.setdefault("status", ProgrammeStatus.PILOT)
    fields.setdefault("audience", "Practice nurses and GPs")
    fields.setdefault("delivery_format", "One day")
    fields.setdefault("summary", f"<p>{title}, for practice teams.</p>")
    programme = ProgrammePage(title=title, owning_site=owning_site, **fields)
    return _place(index, programme, live=live)


def module_page(
    programme,
    title,
    *,
    outcomes=("Agree an agenda with the person",),
    competences=(),
    components=(),
    resources=(),
    live=True,
    user=None,
    **fields,
):
    """Create a module with its outcomes, competences, components and resources."""
    fields.setdefault("aims", f"<p>Aims of {title.lower()}.</p>")
    fields.setdefault("duration_minutes", 90)
    fields.setdefault("delivery_method", DeliveryMethod.WORKSHOP)
    fields.setdefault("facilitator_notes", "")
    module = ModulePage(
        title=title,
        outcomes=[LearningOutcome(text=text) for text in outcomes],
        resources=[ModuleResource(**resource) for resource in resources],
        competences=list(competences),
        components=[component(name) if isinstance(name, str) else name for name in components],
        **fields,
    )
    return _place(programme, module, live=live, user=user)
