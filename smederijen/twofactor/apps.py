from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "smederijen.twofactor"
    label = "twofactor"
    verbose_name = _("Two-factor login")

    def ready(self):
        from django.contrib import admin

        from smederijen.twofactor.services import two_factor_missing

        # The middleware keeps an unverified session out of /beheer/ already; the admin
        # site asks again, so that a middleware list without ours never opens it.
        plain_has_permission = admin.site.has_permission

        def has_permission(request):
            return plain_has_permission(request) and not two_factor_missing(request)

        admin.site.has_permission = has_permission
