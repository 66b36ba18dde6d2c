"""No page for an unverified session of a role that needs two-factor login."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from smederijen.twofactor.services import has_confirmed_device, two_factor_missing

# What an unverified session may still reach: the two-factor pages themselves, leaving,
# the language switch and the files the pages need.
OPEN_PATH_NAMES = (
    "twofactor:verify",
    "twofactor:setup",
    "twofactor:recovery-codes",
    "logout",
    "set_language",
    "login",
)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        required = settings.OTP_REQUIRED and not self._open(request.path_info)
        if required and two_factor_missing(request):
            return self._step_up(request)
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        open_prefixes = [
            settings.STATIC_URL,
            settings.MEDIA_URL,
            *(reverse(name) for name in OPEN_PATH_NAMES),
        ]
        return any(path.startswith(prefix) for prefix in open_prefixes)

    @staticmethod
    def _step_up(request):
        target = "twofactor:verify" if has_confirmed_device(request.user) else "twofactor:setup"
        url = reverse(target)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
