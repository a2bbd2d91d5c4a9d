"""The pilot sites the demo curriculum expects, and the demo curriculum built on them."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, Permission

from curriculum.demo import build_demo_curriculum
from curriculum.models import CurriculumIndexPage, ProgrammePage
from tests.factories.training_site import OrganisationFactory
from training_site.demo import TRAINERS_GROUP
from training_site.models import Organisation, OrganisationKind


@pytest.fixture
def pilot_sites(network, site_a, site_b):
    """Site A becomes Tower Hamlets and site B Calderdale and Kirklees; North of Tyne joins."""
    # Added under its interim name, it sorts last and moves no sibling's path.
    north = OrganisationFactory(parent=network, name="Site C", kind=OrganisationKind.SITE)
    for site, name, code in (
        (site_a, "Tower Hamlets", "YOC-TH"),
        (site_b, "Calderdale and Kirklees", "YOC-CK"),
        (north, "North of Tyne", "YOC-NT"),
    ):
        Organisation.objects.filter(pk=site.pk).update(name=name, code=code)
        site.refresh_from_db()
    return site_a, site_b, north


@dataclass(frozen=True)
class DemoCurriculum:
    """The demo curriculum's index and programmes."""

    index: CurriculumIndexPage
    unified: ProgrammePage
    tower_hamlets: ProgrammePage
    calderdale: ProgrammePage
    north_of_tyne: ProgrammePage

    def module(self, programme, title):
        """Return a module of a programme by title."""
        return programme.get_children().get(title=title).specific


@pytest.fixture
def demo(pilot_sites, trainer, admin):
    """The demo curriculum with its real editing rules, built as seed_demo builds it.

    Like seed_demo, every trainer joins the "Trainers" group with content admin access
    first; the curriculum then adds site trainers to their site's group and admin@example.org
    (here not a superuser) to the curriculum approvers.
    """
    trainers, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    trainers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    trainer.groups.add(trainers)
    build_demo_curriculum()
    programmes = {p.owning_site_id: p for p in ProgrammePage.objects.all()}
    tower_hamlets, calderdale, north_of_tyne = pilot_sites
    return DemoCurriculum(
        index=CurriculumIndexPage.objects.get(),
        unified=programmes[None],
        tower_hamlets=programmes[tower_hamlets.pk],
        calderdale=programmes[calderdale.pk],
        north_of_tyne=programmes[north_of_tyne.pk],
    )
