"""The admin's forms for the email-login user.

Django's own user forms assume a `username`; these say `email` instead, and
refuse an address that differs from an existing one only in case, with a
sentence instead of the name of a database constraint.
"""

from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User


def _clean_unique_email(form: forms.ModelForm) -> str:
    email = User.objects.normalize_email(form.cleaned_data.get("email") or "").lower()
    others = User.objects.filter(email__iexact=email)
    if form.instance.pk is not None:
        others = others.exclude(pk=form.instance.pk)
    if email and others.exists():
        raise forms.ValidationError(
            _("A user with this email address already exists."), code="unique"
        )
    return email


class UserAdminCreationForm(AdminUserCreationForm):
    """Email, name and (optionally) a password; the rest is edited after creation."""

    class Meta:
        model = User
        fields = ("email", "display_name")

    def clean_email(self):
        return _clean_unique_email(self)


class UserAdminChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self):
        return _clean_unique_email(self)
