"""Forms a respondent fills in: one field per question of the version answered."""

from django import forms

from feedback.models import ItemKind
from training_site.forms import NHSUKFormMixin

NOT_APPLICABLE = "na"
FIRST_NAME = "first_name"
PSEUDONYM = "pseudonym"


def item_field_name(item):
    """Return the form field name of an item."""
    return f"item_{item.code}"


class ResponseForm(NHSUKFormMixin, forms.Form):
    """The questions of one instrument version, and for a representative how it is shown."""

    def __init__(self, *args, version, items, first_name=None, asks_name=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.items = items
        self.asks_name = asks_name
        for item in items:
            self.fields[item_field_name(item)] = self._field(item)
        if asks_name:
            self._add_name_fields(first_name)

    def _field(self, item):
        """Build the field that answers one item."""
        if item.kind == ItemKind.TEXT:
            return forms.CharField(
                label=item.prompt,
                help_text=item.help_text,
                required=item.required,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        choices = [(str(value), label) for value, label in item.choices()]
        if item.allows_not_applicable:
            choices.append((NOT_APPLICABLE, "Not applicable"))
        return forms.ChoiceField(
            label=item.prompt,
            help_text=item.help_text,
            required=item.required,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={"required": f"Answer: {item.prompt}"},
        )

    def _add_name_fields(self, first_name):
        """Ask how the HCP will see the respondent: first name, or a pseudonym it types."""
        self.first_name = first_name
        if first_name:
            self.fields["shown_as"] = forms.ChoiceField(
                label="How should the professional see your name?",
                choices=[(FIRST_NAME, f"My first name, {first_name}"), (PSEUDONYM, "A pseudonym")],
                widget=forms.RadioSelect,
                initial=FIRST_NAME,
                error_messages={"required": "Choose how the professional sees your name."},
            )
        self.fields["pseudonym"] = forms.CharField(
            label="Pseudonym" if first_name else "Your first name or a pseudonym",
            help_text="The name the professional sees with your feedback."
            + (" Only if you chose a pseudonym." if first_name else ""),
            required=False,
            max_length=60,
        )

    def clean(self):
        """Ask for a pseudonym when one was chosen."""
        cleaned = super().clean()
        if self.asks_name:
            wants_pseudonym = not self.first_name or cleaned.get("shown_as") == PSEUDONYM
            if wants_pseudonym and not cleaned.get("pseudonym", "").strip():
                self.add_error("pseudonym", "Type the name the professional will see.")
        return cleaned

    def display_name(self):
        """Return the name the HCP will see."""
        if not self.asks_name:
            return ""
        if self.first_name and self.cleaned_data.get("shown_as") == FIRST_NAME:
            return self.first_name
        return self.cleaned_data["pseudonym"].strip()

    def values(self):
        """Return each item's answer as (value, text, not_applicable), keyed by item id."""
        values = {}
        for item in self.items:
            raw = self.cleaned_data.get(item_field_name(item)) or ""
            if item.kind == ItemKind.TEXT:
                values[item.pk] = (None, raw, False)
            elif raw == NOT_APPLICABLE:
                values[item.pk] = (None, "", True)
            else:
                values[item.pk] = (int(raw) if raw else None, "", False)
        return values

    def item_fields(self):
        """Return each question's bound field with its item's kind, in order."""
        return [(self[item_field_name(item)], item.kind) for item in self.items]

    def name_fields(self):
        """Return the bound fields that ask how the respondent is shown."""
        return [self[name] for name in ("shown_as", "pseudonym") if name in self.fields]


class WithdrawForm(NHSUKFormMixin, forms.Form):
    """Why an administrator withdraws a response."""

    reason = forms.CharField(
        label="Why is this response withdrawn?", widget=forms.Textarea(attrs={"rows": 3})
    )
