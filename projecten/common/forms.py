"""Widgets and base forms the forms of every subject share."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LineForm(forms.Form):
    """One row of a list that may stay empty: its fields say nothing about being required;
    the text above the rows says that an empty row is left out (decision 0025)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.requirement = ""


class FilterForm(forms.Form):
    """The form of a filtered list: every field may stay empty, so none says so."""

    marks_optional = False
