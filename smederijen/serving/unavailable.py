"""The database is gone for a moment (a restart, a failover): a Dutch 503, not a 500.

`OperationalError` and `InterfaceError` mean the connection failed, not that our code is
wrong. The visitor gets templates/503.html with `Retry-After`, and the form they sent is
not half-saved: every service writes in one transaction, which the database rolled back.
Django drops a broken connection at the end of the request and CONN_HEALTH_CHECKS tests
a reused one before the next, so the process serves again as soon as the database is
back, without a restart.

Two ways in: the middleware for errors raised in a view or its template, and
`server_error` (handler500) for errors raised in another middleware (the session, the
idle logout), which Django turns into a 500 before any middleware could see them.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


def database_unavailable_response():
    # Rendered without the request: no context processor, no session, no query.
    body = loader.get_template("503.html").render({})
    response = HttpResponseServerError(body)
    response.status_code = 503
    response.reason_phrase = "Service Unavailable"
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("database unavailable: %s", type(exception).__name__, exc_info=True)
            return database_unavailable_response()
        return None


def server_error(request, template_name="500.html"):
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return database_unavailable_response()
    return django_server_error(request, template_name=template_name)
