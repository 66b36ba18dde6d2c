"""The two-factor pages: set up an authenticator app, enter a code, see the recovery codes.

Thin, as every view here: parse the form, call a service, turn its refusal into a form
error. The middleware sends an unverified session of a role that needs two-factor login
here; after the code it goes on to the page it asked for (`next`, on this site only).
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from smederijen.form_errors import add_service_errors
from smederijen.twofactor import services
from smederijen.twofactor.forms import CodeForm

# The recovery codes between the setup and the page that shows them, once.
RECOVERY_CODES_SESSION_KEY = "smederijen_twofactor_recovery_codes"
NEXT_SESSION_KEY = "smederijen_twofactor_next"


def _next_url(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class VerifyView(LoginRequiredMixin, View):
    template_name = "smederijen/twofactor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if services.is_verified(request):
                return redirect(_next_url(request, request.GET.get("next")))
            if not services.has_confirmed_device(request.user):
                return redirect("twofactor:setup")
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        return CodeForm(
            data,
            help_text=_(
                "The 6 digits your authenticator app shows now. Lost your phone? "
                "Enter one of your recovery codes."
            ),
        )

    def get(self, request):
        context = {"form": self._form(), "next": request.GET.get("next", "")}
        return render(request, self.template_name, context)

    def post(self, request):
        form = self._form(request.POST)
        next_url = request.POST.get("next", "")
        if form.is_valid():
            try:
                services.two_factor_verify(
                    actor=request.user, code=form.cleaned_data["code"], request=request
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(_next_url(request, next_url))
        context = {"form": form, "next": next_url}
        return render(request, self.template_name, context, status=400)


class SetupView(LoginRequiredMixin, View):
    """Scan the QR code (or type the key), confirm with the first code."""

    template_name = "smederijen/twofactor/setup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if services.has_confirmed_device(request.user):
                # A second app is added only by an administrator removing the first one:
                # a password alone never replaces the device of a verified account.
                return redirect("twofactor:verify")
            if not services.needs_two_factor(request.user):
                return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def _context(self, request, form, next_url):
        device = services.totp_device_for_setup(actor=request.user)
        return {
            "form": form,
            "next": next_url,
            "qr_svg": services.qr_code_svg(device),
            "secret": services.secret_for_manual_entry(device),
            "device": device,
        }

    def get(self, request):
        next_url = request.GET.get("next", "")
        form = CodeForm(help_text=_("The 6 digits your authenticator app shows now."))
        return render(request, self.template_name, self._context(request, form, next_url))

    def post(self, request):
        next_url = request.POST.get("next", "")
        form = CodeForm(request.POST, help_text=_("The 6 digits your authenticator app shows now."))
        if form.is_valid():
            device = services.totp_device_for_setup(actor=request.user)
            try:
                codes = services.totp_setup_confirm(
                    actor=request.user,
                    device=device,
                    code=form.cleaned_data["code"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session[RECOVERY_CODES_SESSION_KEY] = codes
                request.session[NEXT_SESSION_KEY] = _next_url(request, next_url)
                return redirect("twofactor:recovery-codes")
        context = self._context(request, form, next_url)
        return render(request, self.template_name, context, status=400)


class RecoveryCodesView(LoginRequiredMixin, View):
    """The ten recovery codes, shown once: a reload finds them gone from the session."""

    template_name = "smederijen/twofactor/recovery_codes.html"

    def get(self, request):
        codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
        next_url = request.session.pop(NEXT_SESSION_KEY, None) or resolve_url(
            settings.LOGIN_REDIRECT_URL
        )
        if not codes:
            return redirect(next_url)
        return render(request, self.template_name, {"codes": codes, "next": next_url})
