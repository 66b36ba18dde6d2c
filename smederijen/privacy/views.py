"""The privacy page, the download of a resident's own data, and the erasure of an account.

Thin: parse a form, call one service, turn its refusal into a form error, redirect.
"""

import json

from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from smederijen.form_errors import add_service_errors
from smederijen.privacy import services
from smederijen.privacy.forms import EraseForm


class PrivacyView(TemplateView):
    template_name = "smederijen/privacy/privacy.html"


class AccountExportView(LoginRequiredMixin, View):
    """A JSON file of everything the site keeps about the logged-in person."""

    def get(self, request):
        data = services.user_data_export(actor=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{day}.json"'
        response["Cache-Control"] = "no-store"
        return response


class AccountEraseView(LoginRequiredMixin, View):
    """The confirmation page of its own: what happens, then the password."""

    template_name = "smederijen/privacy/erase_confirm.html"

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "can_erase": services.user_can_erase(request.user)},
            status=status,
        )

    def get(self, request):
        return self._render(request, EraseForm())

    def post(self, request):
        form = EraseForm(request.POST)
        if form.is_valid():
            try:
                services.user_erase(actor=request.user, password=form.cleaned_data["password"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                logout(request)
                return redirect("smederijen:account-erased")
        return self._render(request, form, status=400)


class AccountErasedView(TemplateView):
    template_name = "smederijen/privacy/erased.html"
