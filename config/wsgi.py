import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Refuse to start without `collectstatic` (hashed names need its manifest), saying so.
from smederijen.serving.static_check import require_static_manifest  # noqa: E402

require_static_manifest()
