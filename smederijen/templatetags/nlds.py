"""Helpers for the `nlds` crispy-forms template pack (templates/nlds/).

The pack renders each widget with the NL Design System classes of its kind.
Django itself adds `aria-invalid="true"` to an invalid input and points its
`aria-describedby` at `<id>_helptext` and `<id>_error`, the ids the pack gives
the description and the error message; so the widget is rendered through
`BoundField.as_widget`, which keeps that behaviour, never by hand.
"""

from django import forms, template
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

register = template.Library()


def _widget_classes(widget, invalid: bool) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        # --custom: the Utrecht look (size, border, the check mark) instead of the browser's.
        classes = ["utrecht-checkbox", "utrecht-checkbox--html-input", "utrecht-checkbox--custom"]
        if invalid:
            classes.append("utrecht-checkbox--invalid")
    elif isinstance(widget, forms.RadioSelect):
        classes = ["utrecht-radio-button", "utrecht-radio-button--html-input"]
        if invalid:
            classes.append("utrecht-radio-button--invalid")
    elif isinstance(widget, forms.Select):
        classes = ["utrecht-select", "utrecht-select--html-select"]
        if invalid:
            classes.append("utrecht-select--invalid")
    elif isinstance(widget, forms.Textarea):
        classes = ["utrecht-textarea", "utrecht-textarea--html-textarea"]
        if invalid:
            classes.append("utrecht-textarea--invalid")
    elif isinstance(widget, forms.FileInput):
        classes = ["utrecht-file-input"]
    else:
        classes = ["utrecht-textbox", "utrecht-textbox--html-input"]
        if isinstance(widget, forms.PasswordInput):
            classes.append("utrecht-textbox--password")
        if invalid:
            classes.append("utrecht-textbox--invalid")
    own = widget.attrs.get("class", "")
    return " ".join([*classes, own]).strip()


@register.simple_tag
def nlds_widget(field):
    """The input of a field with the NLDS classes of its kind."""
    return field.as_widget(attrs={"class": _widget_classes(field.field.widget, bool(field.errors))})


@register.filter
def nlds_choices(field):
    """The options of a radio or checkbox group, each an input with the NLDS classes."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = {"id": id_} if id_ else {}
    attrs = field.build_widget_attrs(attrs)
    attrs["class"] = _widget_classes(widget, bool(field.errors))
    return [
        BoundWidget(widget, subwidget, field.form.renderer)
        for subwidget in widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    ]


@register.filter
def nlds_is_choice_group(field) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def nlds_target_id(field) -> str:
    """The id an error summary link points to: the input itself, or a group's first option."""
    if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0" if field.auto_id else ""
    return field.id_for_label or field.auto_id or ""


@register.filter
def nlds_first_field_id(form) -> str:
    """Where a form-wide error (e.g. a wrong password) sends the reader: the first input."""
    for field in form.visible_fields():
        return nlds_target_id(field)
    return ""


@register.filter
def nlds_requirement(field) -> str:
    """What the label says about filling the field in, as NL Design System's form pattern asks:
    the optional fields are marked "(niet verplicht)", the required ones carry the `required`
    attribute (Django renders it) and no word. A form field may say otherwise through a
    `requirement` attribute: a draft's field that the submission needs says "verplicht bij
    indienen", the rows of a formset that may stay empty say nothing (decision 0025)."""
    form_field = field.field
    if not getattr(field.form, "marks_optional", True):
        return ""  # a filter form: every field may stay empty
    note = getattr(form_field, "requirement", None)
    if note is not None:
        return str(note)
    if form_field.required or isinstance(form_field.widget, forms.CheckboxInput):
        # A single checkbox is a yes or no: "not required" would only puzzle.
        return ""
    return str(_("not required"))
