"""What an HR import would do to each person: the plan a preview shows and a confirm applies."""

import hashlib
import json
from dataclasses import dataclass, field

from django.db.models.functions import Lower

from competences.models import StaffPost
from training_site.models import Membership, Role, User
from training_site.scoping import has_role


def protected_roles(importer):
    """Return the roles whose holders an import may not rename: all but HCP for a manager's."""
    if importer.is_superuser:
        return set()
    if has_role(importer, Role.NETWORK_ADMIN):
        return {Role.NETWORK_ADMIN}
    return set(Role) - {Role.HCP}


@dataclass
class PersonChange:
    """What an import does to one person: created, updated, moved, unchanged or left."""

    kind: str
    email: str
    user: User | None
    names: tuple = ()
    join: list = field(default_factory=list)
    open: list = field(default_factory=list)
    change: list = field(default_factory=list)
    close: list = field(default_factory=list)
    leave: list = field(default_factory=list)

    def key(self):
        """Return everything the change depends on, as plain values for the fingerprint."""
        user = self.user
        stored = (
            (user.pk, user.email, user.first_name, user.last_name, user.profession) if user else ()
        )
        return [
            self.kind,
            self.email,
            stored,
            self.names,
            sorted(o.pk for o in self.join),
            [(p.pk, o.pk, str(since), number) for p, o, since, number in self.open],
            [(p.pk, str(p.since), p.staff_number, str(s), n) for p, s, n in self.change],
            [(p.pk, str(p.since)) for p in self.close],
            sorted(o.pk for o in self.leave),
        ]


def plan_people(records, existing, scope):
    """Say what the checked rows do to each person they name, in the order the file names them."""
    people = {}
    for email, value, profession, organisation, profile, since in records:
        entry = people.setdefault(email, {"names": None, "posts": {}})
        previous = entry["names"][2] if entry["names"] else ""
        entry["names"] = (value["first_name"], value["last_name"], profession or previous)
        entry["posts"][profile.pk, organisation.pk] = (
            profile,
            organisation,
            since,
            value.get("staff_number", ""),
        )
    users = [existing[e] for e in people if e in existing]
    posts = {}
    for post in StaffPost.objects.filter(
        user__in=users, until__isnull=True, organisation__in=scope
    ).select_related("profile", "organisation"):
        posts.setdefault(post.user_id, {})[post.profile_id, post.organisation_id] = post
    memberships = set(
        Membership.objects.filter(user__in=users, role=Role.HCP).values_list(
            "user_id", "organisation_id"
        )
    )
    return [
        _person_change(email, entry, existing.get(email), posts, memberships)
        for email, entry in people.items()
    ]


def _person_change(email, entry, user, posts, memberships):
    """Say what the import does to one person, from its rows and what is stored now."""
    first, last, profession = entry["names"]
    wanted = entry["posts"]
    change = PersonChange("created", email, user, (first, last, profession))
    change.join = list({o.pk: o for _, o, _, _ in wanted.values()}.values())
    if user is None:
        change.open = list(wanted.values())
        return change
    held = posts.get(user.pk, {})
    change.join = [o for o in change.join if (user.pk, o.pk) not in memberships]
    change.open = [w for k, w in wanted.items() if k not in held]
    change.close = [p for k, p in held.items() if k not in wanted]
    change.change = [
        (held[k], since, number)
        for k, (_, _, since, number) in wanted.items()
        if k in held and (held[k].since, held[k].staff_number) != (since, number)
    ]
    renamed = (user.first_name, user.last_name) != (first, last)
    retrained = bool(profession) and profession != user.profession
    if held and set(held) != set(wanted):
        change.kind = "moved"
        staying = {organisation_pk for _, organisation_pk in wanted}
        change.leave = list(
            {
                p.organisation_id: p.organisation
                for p in change.close
                if p.organisation_id not in staying and (user.pk, p.organisation_id) in memberships
            }.values()
        )
    elif renamed or retrained or change.join or change.open or change.change:
        change.kind = "updated"
    else:
        change.kind = "unchanged"
    return change


def plan_leavers(listed, known, scope, importer, today):
    """Return the people in post in the importer's organisations whom a full extract leaves out."""
    existing, visible, guarded = known
    protected = protected_roles(importer)
    posts = (
        StaffPost.objects.filter(until__isnull=True, organisation__in=scope)
        .annotate(e=Lower("user__email"))
        .exclude(e__in=listed)
        .exclude(user__memberships__role__in=protected)
        .select_related("user")
        .order_by("user__email", "pk")
    )
    if not importer.is_superuser:
        posts = posts.exclude(user__is_superuser=True)
        if Role.MANAGER in protected:
            posts = posts.exclude(user__is_staff=True)
    leavers = {}
    for post in posts.distinct():
        change = leavers.setdefault(post.user_id, PersonChange("left", post.e, post.user))
        change.close.append(post)
    return list(leavers.values())


def plan_fingerprint(table, mapping, full_extract, changes):
    """Return a hash of the rows and of every planned change and the values it depends on."""
    content = {
        "rows": [sorted(row.values.items()) for row in table.rows],
        "mapping": sorted(mapping.items()),
        "full_extract": full_extract,
        "changes": [change.key() for change in changes],
    }
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()
