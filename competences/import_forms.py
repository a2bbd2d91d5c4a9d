"""Forms of the HR import: the file, its columns, and what unknown titles and places mean."""

from django import forms

from competences.models import PlaceKind
from competences.staff_columns import STAFF_FIELDS
from training_site.forms import NHSUKFormMixin
from training_site.tabular import TableError, read_table

SKIP_CHOICE = ("skip", "Not one of my organisations: skip these rows")
FORGET_CHOICE = ("forget", "Forget this: ask again at the next import")


class UploadForm(NHSUKFormMixin, forms.Form):
    """Choose a CSV or XLSX file."""

    file = forms.FileField(
        label="HR extract",
        help_text="A CSV file or an Excel workbook (.xlsx) with a row for each person in post.",
        error_messages={
            "required": "Choose the file to import.",
            "empty": "The file is empty.",
        },
    )

    def clean_file(self):
        """Read the file as a table now, so a bad file is refused with a reason."""
        upload = self.cleaned_data["file"]
        try:
            self.table = read_table(upload)
        except TableError as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload


class MappingForm(NHSUKFormMixin, forms.Form):
    """Say which column of the file holds each field."""

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this file")] + [(h, h) for h in headers]
        for name, (label, required, _) in STAFF_FIELDS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=required,
                error_messages={"required": f"Choose the column that holds '{label}'."},
            )
        self.fields["full_extract"] = forms.BooleanField(
            label="This is the full extract for my organisations",
            help_text="Everyone in post in the organisations you manage is in this file, so "
            "people with a post there whom it leaves out are marked as having left it.",
            required=False,
        )


def _rows(count):
    """Say how many rows hold a value."""
    return f"{count} row{'s' if count != 1 else ''}"


def profile_choices(lookup):
    """Return the post profiles a manager may choose, local ones named with their place."""
    return [
        (str(p.pk), f"{p.name} ({p.organisation})" if p.organisation_id else p.name)
        for p in lookup.profile_choices()
    ]


def place_choices(lookup):
    """Return the organisations a manager may choose, in tree order and indented."""
    top = min((o.depth for o in lookup.managed.values()), default=1)
    return [
        (str(o.pk), f"{'— ' * (o.depth - top)}{o.name}{f' ({o.code})' if o.code else ''}")
        for o in sorted(lookup.managed.values(), key=lambda o: o.path)
    ]


class ImportChoicesForm(NHSUKFormMixin, forms.Form):
    """Say what each position title and place the import does not know means, once each."""

    prefix = "choose"

    def __init__(self, *args, report, lookup, **kwargs):
        super().__init__(*args, **kwargs)
        self.report, self.lookup = report, lookup
        self.profiles = {str(p.pk): p for p in lookup.profile_choices()}
        profiles = [("", "Choose a post profile"), *profile_choices(lookup)]
        for key, entry in report.unknown_posts.items():
            self.fields[f"post-{key}"] = forms.ChoiceField(
                label=f"Post profile for '{entry['written']}' ({_rows(entry['rows'])})",
                choices=profiles,
                error_messages={"required": f"Choose the post profile for '{entry['written']}'."},
            )
        places = [("", "Choose an organisation"), SKIP_CHOICE, *place_choices(lookup)]
        for (kind, key), entry in report.unknown_places.items():
            what = PlaceKind(kind).label.lower()
            self.fields[f"place-{kind}-{key}"] = forms.ChoiceField(
                label=f"Organisation for the {what} '{entry['written']}' ({_rows(entry['rows'])})",
                choices=places,
                error_messages={"required": f"Choose the organisation for '{entry['written']}'."},
            )

    def chosen(self):
        """Return the choices as the service remembers them: scope, value and target."""
        posts = [
            (entry["scope"], entry["written"], self.profiles[self.cleaned_data[f"post-{key}"]])
            for key, entry in self.report.unknown_posts.items()
        ]
        places = []
        for (kind, key), entry in self.report.unknown_places.items():
            answer = self.cleaned_data[f"place-{kind}-{key}"]
            target = None if answer == "skip" else self.lookup.managed[int(answer)]
            places.append((entry["scope"], kind, entry["written"], target))
        return {"posts": posts, "places": places}


class RememberedMappingsForm(NHSUKFormMixin, forms.Form):
    """Change or forget what earlier imports were told about titles and places."""

    def __init__(self, *args, posts, places, lookup, **kwargs):
        super().__init__(*args, **kwargs)
        self.posts, self.places, self.lookup = posts, places, lookup
        self.profiles = {str(p.pk): p for p in lookup.profile_choices()}
        profiles = [*profile_choices(lookup), FORGET_CHOICE]
        for mapping in posts:
            self.fields[f"post-{mapping.pk}"] = forms.ChoiceField(
                label=f"'{mapping.title}' in {mapping.scope}",
                choices=profiles,
                initial=str(mapping.profile_id),
            )
        organisations = [SKIP_CHOICE, *place_choices(lookup), FORGET_CHOICE]
        for mapping in places:
            self.fields[f"place-{mapping.pk}"] = forms.ChoiceField(
                label=f"{mapping.get_kind_display()} '{mapping.value}' in {mapping.scope}",
                choices=organisations,
                initial=str(mapping.organisation_id or "skip"),
            )

    def changes(self):
        """Return each mapping's new target, for the service that changes them."""
        posts = {m: self.profiles.get(self.cleaned_data[f"post-{m.pk}"]) for m in self.posts}
        places = {}
        for mapping in self.places:
            answer = self.cleaned_data[f"place-{mapping.pk}"]
            target = self.lookup.managed.get(int(answer)) if answer.isdigit() else None
            places[mapping] = (answer == "forget", target)
        return {"posts": posts, "places": places}
