"""The page tree's rules: what may sit below what, and what a programme must say it is."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from curriculum.models import CurriculumIndexPage, EssentialComponent, ModulePage, ProgrammePage
from tests.factories.curriculum import curriculum_index, module_page, programme_page

pytestmark = pytest.mark.django_db

ESSENTIAL_COMPONENTS = [
    "The care planning philosophy and consultation skills",
    "Challenging existing consultation behaviours",
    "Goal setting and action planning",
    "Promoting reflective practice",
    "Organisational processes",
    "Quality assurance",
    "Modelling the approach throughout",
    "Engaging clinicians to attend",
]
CURRICULUM_PAGES = [CurriculumIndexPage, ProgrammePage, ModulePage]


@pytest.fixture
def tree(site_a):
    """An index with a site's programme and one module."""
    index = curriculum_index()
    programme = programme_page(index, "Site A course", owning_site=site_a)
    return index, programme, module_page(programme, "Goal setting")


def test_fresh_install_has_the_eight_essential_components_in_order():
    assert [c.name for c in EssentialComponent.objects.all()] == ESSENTIAL_COMPONENTS
    assert all(c.description for c in EssentialComponent.objects.all())


def test_programme_goes_only_below_the_curriculum_index(tree):
    index, programme, module = tree
    root = Page.get_first_root_node()

    assert ProgrammePage.can_create_at(index)
    assert not ProgrammePage.can_create_at(root)
    assert not ProgrammePage.can_create_at(programme)
    assert not ProgrammePage.can_create_at(module)
    assert ProgrammePage.allowed_parent_page_models() == [CurriculumIndexPage]


def test_module_goes_only_below_a_programme(tree):
    index, programme, module = tree

    assert ModulePage.can_create_at(programme)
    assert not ModulePage.can_create_at(index)
    assert not ModulePage.can_create_at(Page.get_first_root_node())
    assert not ModulePage.can_create_at(module)
    assert ModulePage.allowed_parent_page_models() == [ProgrammePage]


def test_index_and_programme_accept_only_the_next_level_down(tree):
    index, programme, _ = tree

    assert index.specific_class.allowed_subpage_models() == [ProgrammePage]
    assert programme.specific_class.allowed_subpage_models() == [ModulePage]
    assert index.specific_class.creatable_subpage_models() == [ProgrammePage]


@pytest.mark.parametrize("page_type", [*CURRICULUM_PAGES, Page])
def test_nothing_goes_below_a_module(tree, page_type):
    _, _, module = tree

    assert ModulePage.allowed_subpage_models() == []
    assert not page_type.can_create_at(module)


def test_curriculum_index_can_be_created_once(db):
    root = Page.get_first_root_node()
    assert CurriculumIndexPage.can_create_at(root)

    curriculum_index()

    assert CurriculumIndexPage.max_count == 1
    assert not CurriculumIndexPage.can_create_at(root)


def test_unified_programme_owned_by_a_site_is_refused(tree, site_a):
    index, _, _ = tree
    unified = programme_page(index, "Unified programme")
    unified.owning_site = site_a

    with pytest.raises(ValidationError) as error:
        unified.full_clean()

    assert error.value.message_dict["owning_site"] == [
        "The unified programme belongs to no single site."
    ]


def test_programme_neither_unified_nor_owned_is_refused(tree):
    _, programme, _ = tree
    programme.owning_site = None

    with pytest.raises(ValidationError) as error:
        programme.full_clean()

    assert error.value.message_dict["owning_site"] == ["Choose the site that owns this programme."]


def test_unified_programme_or_a_sites_own_is_accepted(tree):
    index, programme, _ = tree
    unified = programme_page(index, "Unified programme")

    unified.full_clean()
    programme.full_clean()

    assert unified.owner_label == "Unified programme"
    assert programme.owner_label == "Site A"
