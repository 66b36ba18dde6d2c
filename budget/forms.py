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


# --- the stuurgroep's forms: the pot, its split, the shares, a reallocation -----------------

REASON_HELP = _("Why the change? It stays in the history, with your name and the date.")


def _reason_field():
    return forms.CharField(
        label=_("Reason"),
        help_text=REASON_HELP,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PotForm(forms.Form):
    """The total of a year and its split over korte and lange klap."""

    total = EuroField(label=_("Total of the pot"), allow_zero=True)
    korte_klap_pot = EuroField(
        label=_("Korte klap pot"),
        allow_zero=True,
        help_text=_("Divided over the Smederijen."),
    )
    lange_klap_pot = EuroField(
        label=_("Lange klap pot"),
        allow_zero=True,
        help_text=_("One pot; the stuurgroep decides on the lange klap projects."),
    )
    reason = _reason_field()

    def clean(self):
        data = super().clean()
        total, korte, lange = (
            data.get(name) for name in ("total", "korte_klap_pot", "lange_klap_pot")
        )
        if None not in (total, korte, lange) and korte + lange != total:
            raise ValidationError(
                _(
                    "Korte klap (%(korte)s) and lange klap (%(lange)s) together must be the total (%(total)s)."
                )
                % {
                    "korte": format_euro(korte),
                    "lange": format_euro(lange),
                    "total": format_euro(total),
                },
                code="split",
            )
        return data


class OpenYearForm(PotForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    field_order = ["year", "total", "korte_klap_pot", "lange_klap_pot", "reason"]


class _ShareFieldsMixin:
    """One amount per Smederij, named `share_<pk>`, in the order of the Smederijen."""

    def _add_share_fields(self, smederijen, hints=None):
        self.smederijen = list(smederijen)
        hints = hints or {}
        for smederij in self.smederijen:
            self.fields[share_field_name(smederij)] = EuroField(
                label=_("Share of %(name)s") % {"name": smederij.name},
                allow_zero=True,
                help_text=hints.get(smederij.pk, ""),
            )

    def share_fields(self):
        """(Smederij, bound field) for every Smederij."""
        return [(smederij, self[share_field_name(smederij)]) for smederij in self.smederijen]

    def amounts(self) -> dict:
        return {s: self.cleaned_data[share_field_name(s)] for s in self.smederijen}


def share_field_name(smederij) -> str:
    return f"share_{smederij.pk}"


class SharesForm(_ShareFieldsMixin, forms.Form):
    """The korte klap shares of a year, and the reason for the change."""

    def __init__(self, *args, smederijen, hints=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_share_fields(smederijen, hints)
        self.fields["reason"] = _reason_field()


class OpenYearSharesForm(_ShareFieldsMixin, OpenYearForm):
    """Opening a year: the pot, then one amount per Smederij (proposed from inhabitants)."""

    def __init__(self, *args, smederijen, hints=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_share_fields(smederijen, hints)


class ReallocationForm(forms.Form):
    """Move free korte klap money from one Smederij to another."""

    from_smederij = forms.TypedChoiceField(label=_("From Smederij"), coerce=int)
    to_smederij = forms.TypedChoiceField(label=_("To Smederij"), coerce=int)
    amount = EuroField(label=_("Amount"))
    reason = _reason_field()

    def __init__(self, *args, smederijen, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {s.pk: s for s in smederijen}
        choices = [("", _("Choose a Smederij")), *((s.pk, s.name) for s in smederijen)]
        self.fields["from_smederij"].choices = choices
        self.fields["to_smederij"].choices = choices

    def clean(self):
        data = super().clean()
        for name in ("from_smederij", "to_smederij"):
            if data.get(name) is not None:
                data[name] = self.by_pk[data[name]]
        if data.get("from_smederij") and data.get("from_smederij") == data.get("to_smederij"):
            self.add_error("to_smederij", _("Choose two different Smederijen."))
        return data
