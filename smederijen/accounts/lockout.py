"""The key under which django-axes counts failed logins: the typed address, made storable.

axes stores the posted username in a column of 255 characters, before the login form
checks anything: a longer value, or one with a NUL byte (PostgreSQL refuses those in
text), was a server error at the login page (issue 14, found by the fuzz test). No
account has such an address (the email column holds 254), so cutting it changes whose
attempts are counted for nobody.
"""

from django.conf import settings

# User.email holds 254 characters; axes' AccessAttempt.username holds 255.
MAX_USERNAME = 254


def axes_username(request, credentials=None):
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    if value is None:
        return None
    return str(value).replace("\x00", "")[:MAX_USERNAME]
