"""Form fields for amounts of money, as residents type them."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .money import CENT, MAX_AMOUNT, format_euro

_THOUSANDS_WITH_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_euro(text: str) -> Decimal:
    """Read an amount typed the Dutch way: '1.250,50', '1250,50', '€ 1.250', '1250.50'.

    A dot followed by exactly three digits is a thousands separator, as a
    resident of Hoogeveen means it ('1.250' is twelve hundred and fifty).
    """
    cleaned = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if cleaned.endswith(",-"):
        cleaned = cleaned[:-2]
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _THOUSANDS_WITH_DOTS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise InvalidOperation(text)
    return Decimal(cleaned)


class EuroField(forms.Field):
    """An amount in euros with at most two decimals, shown and typed in Dutch notation."""

    default_error_messages = {
        "invalid": _("Enter an amount in euros, for example 1.250,00."),
        "negative": _("The amount must be more than € 0,00."),
        "cents": _("Enter at most two digits after the comma."),
        "too_large": _("The amount cannot be more than %(max)s."),
    }

    def __init__(self, *, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "20"})
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_euro(value).replace("€\u00a0", "")
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        value = str(value).strip()
        if not value:
            return None
        try:
            amount = parse_euro(value)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount < 0 or (amount == 0 and not self.allow_zero):
            raise ValidationError(self.error_messages["negative"], code="negative")
        if amount != amount.quantize(CENT):
            raise ValidationError(self.error_messages["cents"], code="cents")
        if amount > MAX_AMOUNT:
            raise ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={"max": format_euro(MAX_AMOUNT)},
            )
        return amount.quantize(CENT)
