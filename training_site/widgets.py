"""Date and time widgets that render the ISO values the browser's pickers take."""

from django import forms


class DateInput(forms.DateInput):
    """A date picker: renders and reads YYYY-MM-DD whatever the locale's format."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class DateTimeInput(forms.DateTimeInput):
    """A date and time picker: renders and reads YYYY-MM-DDTHH:MM."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format="%Y-%m-%dT%H:%M"):
        super().__init__(attrs, format=format)


class TimeInput(forms.TimeInput):
    """A time picker: renders and reads HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)
