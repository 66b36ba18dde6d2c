"""Money in Dutch notation in templates: `{{ amount|euro }}` gives "€ 1.234,56"."""

from django import template

from budget.money import format_euro

register = template.Library()


@register.filter
def euro(value):
    if value is None or value == "":
        return ""
    return format_euro(value)
