from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmederijenConfig(AppConfig):
    name = "smederijen"
    verbose_name = _("Smederijen")

    def ready(self):
        # The admin has registered its models by now (django.contrib.admin comes first).
        from smederijen import audit

        audit.register_models()
