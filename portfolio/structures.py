"""The structures a reflection can follow: named sections, each with a label and a prompt."""

from dataclasses import dataclass

from django.db import models


class ReflectiveModel(models.TextChoices):
    """The structure a reflection follows."""

    WHAT_SO_WHAT = "what_so_what", "What? So what? Now what?"
    GIBBS = "gibbs", "Gibbs' reflective cycle"
    FREE = "free", "A free entry"
    REVALIDATION = "revalidation", "A revalidation account"


@dataclass(frozen=True)
class Section:
    """One part of a reflection: its stored name, its label and the prompt shown as a hint."""

    name: str
    label: str
    prompt: str


SECTIONS = {
    ReflectiveModel.WHAT_SO_WHAT: (
        Section("what", "What?", "What happened? Describe the situation, what you did and saw."),
        Section(
            "so_what",
            "So what?",
            "What does it mean? What did you learn about yourself, the person and care planning?",
        ),
        Section(
            "now_what",
            "Now what?",
            "What will you do differently, and what do you need to get there?",
        ),
    ),
    ReflectiveModel.GIBBS: (
        Section("description", "Description", "What happened?"),
        Section("feelings", "Feelings", "What were you thinking and feeling?"),
        Section("evaluation", "Evaluation", "What was good and bad about the experience?"),
        Section("analysis", "Analysis", "What sense can you make of it? Why did it go as it did?"),
        Section("conclusion", "Conclusion", "What else could you have done?"),
        Section("action_plan", "Action plan", "If it arose again, what would you do?"),
    ),
    ReflectiveModel.FREE: (
        Section("entry", "Your reflection", "Write in whatever way helps you think it through."),
    ),
    ReflectiveModel.REVALIDATION: (
        Section("what_happened", "What happened", "The nature of the activity or experience."),
        Section("learning", "What I learned", "What you learned from it."),
        Section(
            "change", "How I changed my practice", "How you changed or improved your practice."
        ),
        Section(
            "code",
            "How it relates to my professional code",
            "Which themes of your professional code it relates to, and how.",
        ),
    ),
}


def sections_of(model):
    """Return the sections of a reflective model, in order."""
    return SECTIONS[ReflectiveModel(model)]
