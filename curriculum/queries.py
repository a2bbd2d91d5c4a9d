"""Reads for the curriculum: comparison, search, changes awaiting approval, and workshops."""

from dataclasses import dataclass

from django.core.cache import cache
from wagtail import hooks
from wagtail.models import Page

from competences.models import Competence
from curriculum.models import CurriculumIndexPage, EssentialComponent, ModulePage, ProgrammePage

INDEX_URL_CACHE_KEY = "curriculum:index-url"
INDEX_URL_CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class ComparisonRow:
    """One component or competence, and which programmes cover it."""

    item: object
    covered: list
    shared_by_all_sites: bool
    unique_to: object


@dataclass(frozen=True)
class Comparison:
    """The programmes side by side by essential component and by competence."""

    programmes: list
    components: list
    competences: list
    evaluations: dict

    @property
    def evaluation_rows(self):
        """Return (programme, evaluation or None) for each programme."""
        return [(p, self.evaluations.get(p.pk)) for p in self.programmes]

    @property
    def common_components(self):
        """Return the components every site programme covers."""
        return [row.item for row in self.components if row.shared_by_all_sites]


def programme_comparison(request):
    """Compare every live programme by component and by competence, in a fixed few queries."""
    programmes = list(
        ProgrammePage.objects.live().select_related("owning_site").order_by("-unified", "title")
    )
    modules = (
        ModulePage.objects.live()
        .prefetch_related("components", "competences")
        .only("id", "path", "depth", "title")
    )
    covers_components = {p.pk: set() for p in programmes}
    covers_competences = {p.pk: set() for p in programmes}
    by_path = {p.path: p.pk for p in programmes}
    for module in modules:
        owner = by_path.get(module.path[: -ModulePage.steplen])
        if owner is None:
            continue
        covers_components[owner].update(module.components.all())
        covers_competences[owner].update(module.competences.all())
    sites = [p for p in programmes if not p.unified]
    components = _rows(EssentialComponent.objects.all(), programmes, sites, covers_components)
    competences = _rows(
        Competence.objects.filter(modules__live=True).distinct().order_by("code"),
        programmes,
        sites,
        covers_competences,
    )
    evaluations = {}
    for hook in hooks.get_hooks("register_programme_evaluations"):
        evaluations.update(hook(request, programmes))
    return Comparison(programmes, components, competences, evaluations)


def _rows(items, programmes, sites, covers):
    """Mark, for each item, which programmes cover it, whether all sites do, or only one."""
    rows = []
    for item in items:
        covered = [item in covers[p.pk] for p in programmes]
        site_cover = [p for p in sites if item in covers[p.pk]]
        rows.append(
            ComparisonRow(
                item=item,
                covered=covered,
                shared_by_all_sites=bool(sites) and len(site_cover) == len(sites),
                unique_to=site_cover[0] if len(site_cover) == 1 and len(sites) > 1 else None,
            )
        )
    return rows


def curriculum_index_url():
    """Return the live curriculum index's address, kept in the shared cache until pages change."""
    url = cache.get(INDEX_URL_CACHE_KEY)
    if url is None:
        index = CurriculumIndexPage.objects.live().first()
        url = index.url if index is not None else ""
        cache.set(INDEX_URL_CACHE_KEY, url, INDEX_URL_CACHE_SECONDS)
    return url or None


def forget_curriculum_index_url(**kwargs):
    """Drop the cached index address, so the next page reads it afresh."""
    cache.delete(INDEX_URL_CACHE_KEY)


def curriculum_search(query):
    """Search live curriculum pages; PostgreSQL full-text search when on PostgreSQL."""
    index = CurriculumIndexPage.objects.live().first()
    if index is None or not query:
        return []
    return Page.objects.live().descendant_of(index).specific().search(query)


def pages_awaiting_approval(user):
    """Return curriculum pages the user may edit whose changes are not yet published."""
    index = CurriculumIndexPage.objects.first()
    if index is None:
        return []
    pages = (
        Page.objects.descendant_of(index, inclusive=True)
        .filter(has_unpublished_changes=True)
        .select_related("latest_revision", "live_revision")
        .order_by("-latest_revision_created_at")
    )
    return [page for page in pages if page.permissions_for_user(user).can_edit()]
