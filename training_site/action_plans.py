"""Action planning, one component with two uses: a simulated care plan and a development plan.

Care planning ends with actions that are specific, owned and dated, and the person's
confidence in carrying each out. The training models that approach, so the HCP's own
development goals are planned with the very same component: the abstract ``PlannedAction``
model, the ``PlannedActionForm`` and the ``action_plan_formset`` factory, rendered by the
``training_site/includes/action_plan.html`` template.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from training_site.widgets import DateInput

CONFIDENCE_HELP = "0 means not at all confident, 10 means completely confident."


def confidence_field(verbose_name="confidence (0 to 10)", **kwargs):
    """Return a 0 to 10 rating field, as used for confidence and importance."""
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=kwargs.pop("help_text", CONFIDENCE_HELP),
        **kwargs,
    )


class PlannedAction(models.Model):
    """One agreed action: what will be done, by whom, by when, and how confident they are."""

    what = models.CharField("what will be done", max_length=300)
    who = models.CharField("who will do it", max_length=120)
    due_on = models.DateField("by when")
    confidence = confidence_field()
    done = models.BooleanField(default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "due_on", "pk"]

    def __str__(self):
        return f"{self.what} ({self.who}, by {self.due_on:%d %b %Y})"


class PlannedActionForm(forms.ModelForm):
    """One action of a plan, with its date entered as a date."""

    class Meta:
        fields = ("what", "who", "due_on", "confidence", "done")
        widgets = {
            "due_on": DateInput(),
            "confidence": forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        }


def action_plan_formset(parent_model, action_model, *, extra=1):
    """Return the inline formset editing a plan's actions, blank rows ignored."""
    return forms.inlineformset_factory(
        parent_model,
        action_model,
        form=PlannedActionForm,
        fields=list(PlannedActionForm.Meta.fields),
        extra=extra,
        can_delete=True,
    )
