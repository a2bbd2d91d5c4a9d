"""A programme of site A with two modules, and a workshop of it run by the trainer."""

import pytest

from tests.factories.competences import national_competence
from tests.factories.curriculum import curriculum_index, module_page, programme_page
from tests.factories.workshops import workshop


@pytest.fixture
def ws_programme(db, site_a):
    """Site A's programme, for workshop tests."""
    return programme_page(curriculum_index(), "Site A care planning", owning_site=site_a)


@pytest.fixture
def ws_modules(ws_programme):
    """Two modules of it: the first develops Diab HA1, the second Diab HA2."""
    return [
        module_page(
            ws_programme, "The care planning model", competences=[national_competence("Diab HA1")]
        ),
        module_page(ws_programme, "Goal setting", competences=[national_competence("Diab HA2")]),
    ]


@pytest.fixture
def a_workshop(ws_programme, ws_modules, site_a, trainer):
    """An open workshop at site A in ten days, with two places, run by the trainer."""
    return workshop(ws_programme, site_a, modules=ws_modules, trainers=[trainer], capacity=2)
