from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkenConfig(AppConfig):
    name = "wijken"
    verbose_name = _("Areas")
