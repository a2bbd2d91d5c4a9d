"""Skills-gap profiles: what posts need against what is verified, aggregated in the database.

Every need is a (person, competence, required level) from the staff posts held on the date in
question and their post profiles: the foundation outline in the first year in post, the full
outline after. A person whose posts need the same competence counts once, at the higher
level, in the first of its workplaces.

A need is *met* by a verification in force at or above the level, is *self-assessed* while a
rating waits for verification, and is otherwise a *gap* (nothing yet, returned, expired, or
verified below the level). For a past date the assessment's state is
read from its history, so the profile is as it stood then.

The group queries are plain SQL over a common table expression so that each report is one
query whatever the size of the workforce, on SQLite and PostgreSQL alike.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from competences.models import FOUNDATION_YEARS, AssessmentStatus, Competence, StaffPost
from training_site.models import Organisation
from training_site.small_numbers import share

MET, SELF_ASSESSED, GAP = "met", "self_assessed", "gap"
STATES = (MET, SELF_ASSESSED, GAP)

CURRENT_ASSESSMENTS = """
    SELECT a.hcp_id, a.competence_id, a.status, a.verified_level, a.expires_on
    FROM competences_assessment a
"""
# The state of every assessment as it stood at a moment, from its append-only history.
PAST_ASSESSMENTS = """
    SELECT hcp_id, competence_id, status, verified_level, expires_on FROM (
        SELECT a.hcp_id, a.competence_id, e.to_status AS status, e.verified_level, e.expires_on,
               ROW_NUMBER() OVER (
                   PARTITION BY e.assessment_id ORDER BY e.at DESC, e.id DESC
               ) AS newest
        FROM competences_assessmentevent e
        JOIN competences_assessment a ON a.id = e.assessment_id
        WHERE e.at < %(moment)s
    ) history WHERE newest = 1
"""


def needs_sql(on, past, people=""):
    """Return the SQL of the need rows with their state, optionally for some people only.

    ``people`` is a comma-separated list of user ids already cast to integers.
    """
    assessments = PAST_ASSESSMENTS if past else CURRENT_ASSESSMENTS
    only_people = f"AND sp.user_id IN ({people})" if people else ""
    sql = f"""
    WITH post_needs AS (
        SELECT sp.user_id, o.path AS org_path, r.competence_id,
               CASE WHEN sp.since > %(foundation_cutoff)s
                    THEN r.foundation_level ELSE r.full_level END AS required_level
        FROM competences_staffpost sp
        JOIN training_site_organisation o ON o.id = sp.organisation_id
        JOIN competences_postrequirement r ON r.profile_id = sp.profile_id
        WHERE o.path LIKE %(prefix)s
          AND sp.since <= %(on)s AND (sp.until IS NULL OR sp.until >= %(on)s)
          {only_people}
    ),
    needs AS (
        SELECT user_id, competence_id, MIN(org_path) AS org_path,
               MAX(required_level) AS required_level
        FROM post_needs WHERE required_level IS NOT NULL
        GROUP BY user_id, competence_id
    ),
    assessed AS ({assessments}),
    states AS (
        SELECT n.user_id, n.org_path, n.competence_id, n.required_level,
               CASE
                 WHEN s.status = %(verified)s
                      AND (s.expires_on IS NULL OR s.expires_on >= %(on)s)
                      AND s.verified_level >= n.required_level THEN '{MET}'
                 WHEN s.status IN (%(self_assessed)s, %(awaiting)s) THEN '{SELF_ASSESSED}'
                 ELSE '{GAP}'
               END AS state
        FROM needs n
        LEFT JOIN assessed s ON s.hcp_id = n.user_id AND s.competence_id = n.competence_id
    )
    """
    return sql


def _params(organisation, on, moment=None):
    """Parameters shared by every gap query."""
    return {
        "prefix": f"{organisation.path}%",
        "on": on,
        "foundation_cutoff": on - relativedelta(years=FOUNDATION_YEARS),
        "verified": AssessmentStatus.VERIFIED,
        "self_assessed": AssessmentStatus.SELF_ASSESSED,
        "awaiting": AssessmentStatus.AWAITING,
        "moment": connection.ops.adapt_datetimefield_value(moment) if moment else None,
    }


def _moment(on):
    """Return the end of a day as an aware datetime, and whether the day is in the past."""
    today = timezone.localdate()
    if on >= today:
        return None, False
    end = timezone.make_aware(
        timezone.datetime.combine(on + timedelta(days=1), timezone.datetime.min.time())
    )
    return end, True


def _run(sql, params):
    """Run a query and return its rows as tuples."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(frozen=True)
class CompetenceSummary:
    """How a group stands on one competence."""

    competence: Competence
    need: int
    met: int
    self_assessed: int
    gap: int

    @property
    def percent_met(self):
        """Return the share met, as a whole percentage."""
        return round(100 * self.met / self.need) if self.need else 0

    @property
    def share_met(self):
        """Return the share met as "NN%", or "fewer than N" for a small group."""
        return share(self.met, self.need)


def summary(organisation, on=None):
    """Return one CompetenceSummary per competence needed in an organisation and below it."""
    return profile(organisation, on)[0]


@dataclass(frozen=True)
class HeatmapCell:
    """How one unit below an organisation stands on one competence."""

    unit: Organisation
    competence: Competence
    need: int
    met: int

    @property
    def percent_met(self):
        """Return the share met, as a whole percentage."""
        return round(100 * self.met / self.need) if self.need else 0

    @property
    def share_met(self):
        """Return the share met as "NN%", or "fewer than N" for a small group."""
        return share(self.met, self.need)


def heatmap(organisation, on=None):
    """Return cells of the units directly below an organisation by competence, met counted."""
    return profile(organisation, on)[1]


def competences_needed(organisation, on=None):
    """Return the competences that current posts in an organisation need, without counting."""
    on = on or timezone.localdate()
    posts = StaffPost.objects.current(on).filter(
        profile=OuterRef("requirements__profile"), organisation__path__startswith=organisation.path
    )
    return Competence.objects.with_crosswalk().filter(Exists(posts)).distinct().order_by("code")


def profile(organisation, on=None):
    """Return (summaries, heatmap cells) from a single query grouped by unit and competence."""
    on = on or timezone.localdate()
    moment, past = _moment(on)
    unit_length = (organisation.depth + 1) * Organisation.steplen
    sql = (
        needs_sql(on, past)
        + f"""
    SELECT SUBSTR(org_path, 1, {unit_length:d}), competence_id, COUNT(*),
           SUM(CASE WHEN state = '{MET}' THEN 1 ELSE 0 END),
           SUM(CASE WHEN state = '{SELF_ASSESSED}' THEN 1 ELSE 0 END),
           SUM(CASE WHEN state = '{GAP}' THEN 1 ELSE 0 END)
    FROM states GROUP BY SUBSTR(org_path, 1, {unit_length:d}), competence_id
    """
    )
    rows = _run(sql, _params(organisation, on, moment))
    competences = Competence.objects.with_crosswalk().in_bulk({r[1] for r in rows})
    unit_paths = {r[0] for r in rows if len(r[0]) == unit_length}
    units = {u.path: u for u in Organisation.objects.filter(path__in=unit_paths)}
    totals = {}
    cells = []
    for path, cid, need, met, self_assessed, gap in rows:
        total = totals.setdefault(cid, [0, 0, 0, 0])
        for i, value in enumerate((need, met, self_assessed, gap)):
            total[i] += value
        if path in units:
            cells.append(HeatmapCell(units[path], competences[cid], need, met))
    summaries = sorted(
        (CompetenceSummary(competences[cid], *total) for cid, total in totals.items()),
        key=lambda s: s.competence.code,
    )
    return summaries, sorted(cells, key=lambda c: (c.unit.path, c.competence.code))


@dataclass(frozen=True)
class TrainingNeed:
    """A competence ranked by how many people have a gap in it."""

    competence: Competence
    people_with_gap: int
    people_self_assessed: int
    need: int


def training_needs(organisation, on=None):
    """Rank competences by how many people in an organisation have a gap."""
    on = on or timezone.localdate()
    moment, past = _moment(on)
    sql = (
        needs_sql(on, past)
        + f"""
    SELECT competence_id,
           COUNT(DISTINCT CASE WHEN state = '{GAP}' THEN user_id END),
           COUNT(DISTINCT CASE WHEN state = '{SELF_ASSESSED}' THEN user_id END),
           COUNT(DISTINCT user_id)
    FROM states GROUP BY competence_id
    """
    )
    rows = _run(sql, _params(organisation, on, moment))
    competences = Competence.objects.with_crosswalk().in_bulk([row[0] for row in rows])
    result = [
        TrainingNeed(competences[cid], gap, self_assessed, need)
        for cid, gap, self_assessed, need in rows
    ]
    return sorted(result, key=lambda t: (-t.people_with_gap, t.competence.code))


def states_for_people(organisation, user_ids, on=None):
    """Return {(user id, competence id): (required level, state)} for a page of people."""
    if not user_ids:
        return {}
    on = on or timezone.localdate()
    moment, past = _moment(on)
    ids = ", ".join(str(int(pk)) for pk in user_ids)
    sql = (
        needs_sql(on, past, people=ids)
        + """
    SELECT user_id, competence_id, MAX(required_level), MIN(state)
    FROM states GROUP BY user_id, competence_id
    """
    )
    rows = _run(sql, _params(organisation, on, moment))
    return {(uid, cid): (level, state) for uid, cid, level, state in rows}


def people_needing_count(organisation, on=None):
    """Return how many people's current posts need a competence: the matrix's rows."""
    on = on or timezone.localdate()
    moment, past = _moment(on)
    sql = needs_sql(on, past) + "SELECT COUNT(DISTINCT user_id) FROM needs"
    return _run(sql, _params(organisation, on, moment))[0][0]


def as_positional(sql, params):
    """Turn SQL with named %(name)s parameters into %s placeholders and a parameter list."""
    names = re.findall(r"%\((\w+)\)s", sql)
    return re.sub(r"%\(\w+\)s", "%s", sql), [params[name] for name in names]


def people_in_state_sql(organisation, state, on=None):
    """Return SQL and parameters selecting the people with at least one need in a state."""
    on = on or timezone.localdate()
    moment, past = _moment(on)
    sql = needs_sql(on, past) + "SELECT DISTINCT user_id FROM states WHERE state = %(state)s"
    return as_positional(sql, {**_params(organisation, on, moment), "state": state})


def matrix_rows(organisation, on=None):
    """Yield (email, first name, last name, post, workplace, competence id, level, state).

    Rows come ordered by person; the post and workplace are those of the person's most
    recent current post in the organisation, as the matrix page shows them.

    One query, read through a server-side cursor where the database has one, so a large
    export streams in steady memory.
    """
    on = on or timezone.localdate()
    moment, past = _moment(on)
    sql = (
        needs_sql(on, past)
        + """,
    people AS (
        SELECT user_id, competence_id, MAX(required_level) AS level, MIN(state) AS state
        FROM states GROUP BY user_id, competence_id
    ),
    latest_posts AS (
        SELECT sp.user_id, pp.name AS post, o.name AS workplace,
               ROW_NUMBER() OVER (
                   PARTITION BY sp.user_id ORDER BY sp.since DESC, sp.id DESC
               ) AS latest
        FROM competences_staffpost sp
        JOIN training_site_organisation o ON o.id = sp.organisation_id
        JOIN competences_postprofile pp ON pp.id = sp.profile_id
        WHERE o.path LIKE %(prefix)s
          AND sp.since <= %(on)s AND (sp.until IS NULL OR sp.until >= %(on)s)
    )
    SELECT u.email, u.first_name, u.last_name, lp.post, lp.workplace,
           p.competence_id, p.level, p.state
    FROM people p JOIN training_site_user u ON u.id = p.user_id
    LEFT JOIN latest_posts lp ON lp.user_id = p.user_id AND lp.latest = 1
    ORDER BY p.user_id, p.competence_id
    """
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, _params(organisation, on, moment))
        while batch := cursor.fetchmany(2000):
            yield from batch
