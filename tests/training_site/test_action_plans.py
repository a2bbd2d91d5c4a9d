"""The one action-planning component keeps each plan's formset to its own fields."""

from portfolio.forms import GoalActionFormset
from quality.forms import QAActionFormSet
from simulations.forms import CarePlanActionFormSet
from simulations.models import CarePlan, CarePlanAction
from training_site.action_plans import PlannedActionForm, action_plan_formset


def test_using_one_plan_leaves_the_others_fields_alone(db):
    for formset_class in (QAActionFormSet, GoalActionFormset, CarePlanActionFormSet):
        formset_class(prefix="actions")
    assert PlannedActionForm.Meta.fields == ("what", "who", "due_on", "confidence", "done")
    assert "observation" not in CarePlanActionFormSet.form._meta.fields
    assert "goal" not in QAActionFormSet.form._meta.fields
    action_plan_formset(CarePlan, CarePlanAction)(prefix="actions")
