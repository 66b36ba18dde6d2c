from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UserSessionsConfig(AppConfig):
    name = "smederijen.usersessions"
    label = "usersessions"
    verbose_name = _("Sessions")

    def ready(self):
        from smederijen.usersessions import signals  # noqa: F401 -- connects the receivers
