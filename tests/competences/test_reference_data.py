"""Every fresh install holds the KSF and Tables 1 and 2 of the national competences."""

from pathlib import Path

import pytest
from django.apps import apps

from competences.models import Competence, Framework, KSFDimension, KSFLevel, Scope
from competences.reference import NATIONAL_FRAMEWORK, load_reference_data

pytestmark = pytest.mark.django_db

DOMAIN_FILE = Path("/work/shared/domain/competences.yaml")


@pytest.fixture(scope="module")
def domain():
    """The reference facts, read from the shared domain file."""
    if not DOMAIN_FILE.exists():
        pytest.skip(f"{DOMAIN_FILE} is not available")
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


def national_rows():
    """Return the national framework's competences as comparable tuples, by code."""
    framework = Framework.objects.get(
        name=NATIONAL_FRAMEWORK["name"], version=NATIONAL_FRAMEWORK["version"]
    )
    return {
        c.code: (c.title, c.ksf_level.dimension.code, c.ksf_level.level, c.scope)
        for c in framework.competences.select_related("ksf_level__dimension")
    }


def expected_rows(domain):
    """Return Tables 1 (core) and 2 (specialist) from the domain file as comparable tuples."""
    tables = domain["national_workforce_competences"]
    rows = {}
    for key, scope in (
        ("core_for_care_planning", Scope.CORE),
        ("specialist_for_particular_roles", Scope.SPECIALIST),
    ):
        for item in tables[key]:
            rows[item["code"]] = (
                item["title"],
                item["ksf"]["dimension"],
                item["ksf"]["level"],
                scope,
            )
    return rows


def test_fresh_install_holds_tables_1_and_2_exactly(domain):
    assert national_rows() == expected_rows(domain)


def test_table_1_is_core_and_table_2_is_specialist(domain):
    rows = national_rows()
    tables = domain["national_workforce_competences"]
    assert {i["code"] for i in tables["core_for_care_planning"]} == {
        code for code, row in rows.items() if row[3] == Scope.CORE
    }
    assert {i["code"] for i in tables["specialist_for_particular_roles"]} == {
        code for code, row in rows.items() if row[3] == Scope.SPECIALIST
    }


def test_fresh_install_holds_the_30_ksf_dimensions_with_titles_and_kinds(domain):
    expected = {
        item["code"]: (item["title"], kind, item.get("verified", True))
        for kind in ("core", "specific")
        for item in domain["ksf"][kind]
    }
    stored = {d.code: (d.title, d.kind, d.verified) for d in KSFDimension.objects.all()}
    assert len(stored) == 30
    assert stored == expected


def test_every_ksf_dimension_has_levels_1_to_4():
    levels = {}
    for level in KSFLevel.objects.select_related("dimension"):
        levels.setdefault(level.dimension.code, []).append(level.level)
    assert len(levels) == 30
    assert all(sorted(numbers) == [1, 2, 3, 4] for numbers in levels.values()), levels


def test_ksf_level_titles_and_their_verification_match_the_domain_file(domain):
    for code, titles in domain["ksf"]["level_titles"].items():
        verified = set(titles.get("verified", []))
        for number in range(1, 5):
            level = KSFLevel.objects.get(dimension__code=code, level=number)
            assert (level.title, level.verified) == (titles[number], number in verified), (
                code,
                number,
            )


def test_loading_reference_data_again_creates_no_duplicates(domain):
    counts = (KSFDimension.objects.count(), KSFLevel.objects.count(), Competence.objects.count())
    load_reference_data(apps)
    assert (
        KSFDimension.objects.count(),
        KSFLevel.objects.count(),
        Competence.objects.count(),
    ) == counts
    assert national_rows() == expected_rows(domain)
