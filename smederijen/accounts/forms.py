"""Forms of the account pages. They check what a field can say; the services decide the rest."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijken.models import Area
from wijken.postcodes import normalize_postcode


class PostcodeField(forms.CharField):
    """A Dutch postcode in any spacing or case; cleaned to 7901AB."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Postcode"))
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", _("For example 7901 AB."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "postal-code", "size": "8"})

    def clean(self, value):
        value = super().clean(value)
        return normalize_postcode(value) if value else value


class RegistrationForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_("Others see this name next to your ideas and comments."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        # The column holds 254 characters (Django's form default allows 320).
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    postcode = PostcodeField(
        help_text=_("Your postcode tells us the wijk or dorp you live in. We do not keep it."),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2",
                ValidationError(_("The two passwords are not the same."), code="password_mismatch"),
            )
        return cleaned


class AreaChoiceForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Your home area"),
        queryset=Area.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Your postcode lies in more than one area. Choose the one you live in."),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(pk__in=[a.pk for a in areas]).order_by(
            "name"
        )


class PostcodeForm(forms.Form):
    postcode = PostcodeField()


class AreaChangeRequestForm(forms.Form):
    postcode = PostcodeField(label=_("Your new postcode"))
    to_area = forms.ModelChoiceField(
        label=_("Your new area"),
        queryset=Area.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        required=False,
        help_text=_("Your new postcode lies in more than one area. Choose the one you live in."),
    )
    reason = forms.CharField(
        label=_("Why do you change area?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: I moved house, or I chose the wrong area."),
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if areas and len(areas) > 1:
            self.fields["to_area"].queryset = Area.objects.filter(
                pk__in=[a.pk for a in areas]
            ).order_by("name")
        else:
            del self.fields["to_area"]


class DecisionForm(forms.Form):
    """Accept or decline a request: the button pressed says which."""

    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == "accept"
