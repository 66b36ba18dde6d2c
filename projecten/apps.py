from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectenConfig(AppConfig):
    name = "projecten"
    verbose_name = _("Proposals")

    def ready(self):
        # A resident's proposals, comments and votes in their export and erasure.
        from projecten import privacy  # noqa: F401
