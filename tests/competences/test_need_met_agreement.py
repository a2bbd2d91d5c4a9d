"""A person's own competence page and the manager's matrix say the same of every need."""

from competences import gaps
from competences.queries import competence_page
from tests.factories.competences import AssessmentFactory, national_competence


def matrix_states(organisation):
    """Return {(email, competence id): state} as the manager's matrix shows it."""
    return {
        (email, competence_id): state
        for email, _first, _last, _post, _place, competence_id, _level, state in gaps.matrix_rows(
            organisation
        )
    }


def page_states(person):
    """Return {(email, competence id): state} as the person's own page counts it."""
    return {
        (person.email, standing.competence.pk): standing.need_state
        for standing in competence_page(person).required
    }


def test_the_person_page_and_the_matrix_agree_on_every_need(workforce, network, hcp):
    AssessmentFactory(hcp=hcp, competence=national_competence("Diab HA6"), level=2, verified=True)
    matrix = matrix_states(network)
    people = (
        workforce.nurse,
        workforce.new_nurse,
        workforce.last_day,
        workforce.assistant,
        workforce.nurse_b,
    )
    pages = {}
    for person in people:
        pages.update(page_states(person))

    assert pages == matrix
    assert {state for state in matrix.values()} == {gaps.MET, gaps.SELF_ASSESSED, gaps.GAP}
    below = national_competence("Diab HA6").pk
    assert matrix[hcp.email, below] == gaps.GAP
    [standing] = [s for s in competence_page(hcp).required if s.competence.pk == below]
    assert standing.state == "below"
