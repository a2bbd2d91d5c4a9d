"""Finding the organisation and post profile each row of an HR extract names, and remembering."""

from django.db.models import Q
from django.db.models.functions import Length, Lower

from competences.imports import match_key
from competences.models import PlaceKind, PlaceMapping, PostProfile, PostTitleMapping
from training_site.models import Membership, Organisation
from training_site.scoping import MANAGING_ROLES, organisations_managed_by

SKIP = object()
AMBIGUOUS = object()


def mapping_key(text):
    """Normalise a title, name, code or cost centre for remembering: letters and digits only."""
    return match_key(text) or text.strip().lower()


def managing_roots(importer, managed):
    """Return the tops of what a person manages: where it holds a managing role."""
    if importer.is_superuser:
        tops = [o for o in managed if o.depth == 1]
    else:
        held = Membership.objects.filter(user=importer, role__in=MANAGING_ROLES)
        tops = sorted({m.organisation for m in held.select_related("organisation")}, key=str)
    return [o for o in tops if not any(o.path.startswith(t.path) and o != t for t in tops)]


def _paths_above(roots):
    """Return the paths of the roots and every organisation above them."""
    step = Organisation.steplen
    return {root.path[:end] for root in roots for end in range(step, len(root.path) + 1, step)}


class ImportLookup:
    """What one person's imports know: its organisations, post profiles and past choices."""

    def __init__(self, importer, places):
        """Read everything the rows are matched against, in a fixed number of queries."""
        managed = list(organisations_managed_by(importer))
        self.managed = {o.pk: o for o in managed}
        self.roots = managing_roots(importer, managed)
        in_scope = Q(scope__in=organisations_managed_by(importer)) | Q(
            scope__path__in=_paths_above(self.roots)
        )
        self.by_code = {o.code.lower(): o for o in managed if o.code}
        names = {}
        for organisation in managed:
            names.setdefault(organisation.name.lower(), []).append(organisation)
        self.by_name = {n: f[0] if len(f) == 1 else AMBIGUOUS for n, f in names.items()}
        elsewhere = (
            Organisation.objects.exclude(pk__in=list(self.managed))
            .annotate(lower_code=Lower("code"), lower_name=Lower("name"))
            .filter(Q(lower_code__in=places) | Q(lower_name__in=places))
        )
        self.elsewhere = {v for o in elsewhere for v in (o.lower_code, o.lower_name) if v}
        self.places = {}
        for mapping in PlaceMapping.objects.filter(in_scope).order_by(Length("scope__path")):
            target = self.managed.get(mapping.organisation_id) or SKIP
            self.places[mapping.kind, mapping.key] = target
        self.national = {
            p.name.lower(): p for p in PostProfile.objects.filter(organisation__isnull=True)
        }
        self.local = [
            (p.name.lower(), p)
            for p in PostProfile.objects.filter(organisation__isnull=False).select_related(
                "organisation"
            )
        ]
        self.titles = [
            (m.scope.path, m.key, m.profile)
            for m in PostTitleMapping.objects.filter(in_scope)
            .select_related("scope", "profile__organisation")
            .order_by(Length("scope__path").desc())
        ]

    def home(self, organisation=None):
        """Return the top of the importer's scope holding an organisation: where choices live."""
        if organisation is not None:
            for root in self.roots:
                if organisation.path.startswith(root.path):
                    return root
        return self.roots[0] if self.roots else None

    def place(self, written, cost_centre):
        """Return the organisation a row names, SKIP, AMBIGUOUS, or None when it is not known."""
        lowered = written.lower()
        if lowered:
            found = self.by_code.get(lowered) or self.by_name.get(lowered)
            if found is not None:
                return found
            remembered = self.places.get((PlaceKind.ORGANISATION, mapping_key(written)))
            if remembered is not None:
                return remembered
        if cost_centre:
            remembered = self.places.get((PlaceKind.COST_CENTRE, mapping_key(cost_centre)))
            if remembered is not None:
                return remembered
        return SKIP if lowered in self.elsewhere else None

    def profile(self, title, organisation):
        """Return the post profile a title means in an organisation, or None when not known."""
        home = organisation or self.home()
        path = home.path if home else ""
        key = mapping_key(title)
        for scope_path, mapped, profile in self.titles:
            if mapped == key and path.startswith(scope_path) and self.usable(profile, path):
                return profile
        named = title.lower()
        local = (p for n, p in self.local if n == named and path.startswith(p.organisation.path))
        return next(local, self.national.get(named))

    @staticmethod
    def usable(profile, path):
        """Say whether a post profile can be held in the organisation at a path."""
        return profile.organisation_id is None or path.startswith(profile.organisation.path)

    def profile_choices(self):
        """Return the post profiles a manager may choose: national ones and its own."""
        paths = [root.path for root in self.roots]
        local = [
            p
            for _, p in self.local
            if any(
                path.startswith(p.organisation.path) or p.organisation.path.startswith(path)
                for path in paths
            )
        ]
        return sorted([*self.national.values(), *local], key=lambda p: p.name.lower())
