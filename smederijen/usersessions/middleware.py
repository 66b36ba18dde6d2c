"""A session ends after a while without requests: sooner for the roles of two-factor login."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.translation import gettext as _

from smederijen.usersessions.services import IDLE_TIMEOUT_KEY, LAST_SEEN_KEY, TOUCH_INTERVAL


class IdleSessionMiddleware:
    """Log out a session idle longer than its timeout; otherwise move its expiry on.

    The session's own expiry (set_expiry) makes the database row and the cookie end too, so
    a session that never comes back is refused by Django itself and removed by
    `clearsessions`. To keep writes down, activity is recorded at most once a minute; the
    row's expiry has that minute on top, so that the rule here is the one that counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_IDLE_LOGOUT and request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    @staticmethod
    def _timeout(request) -> int:
        timeout = request.session.get(IDLE_TIMEOUT_KEY)
        if timeout is None:
            from smederijen.twofactor.services import needs_two_factor

            timeout = (
                settings.SESSION_IDLE_TIMEOUT_TWO_FACTOR
                if needs_two_factor(request.user)
                else settings.SESSION_IDLE_TIMEOUT
            )
            request.session[IDLE_TIMEOUT_KEY] = timeout
        return timeout

    def _check(self, request) -> None:
        now = int(timezone.now().timestamp())
        timeout = self._timeout(request)
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > timeout:
            logout(request)
            messages.info(
                request,
                _("You were logged out after %(minutes)d minutes without activity.")
                % {"minutes": timeout // 60},
            )
            return
        if last_seen is None or now - last_seen >= TOUCH_INTERVAL:
            request.session[LAST_SEEN_KEY] = now
            # The row outlives the rule by the minute between two writes, no more.
            request.session.set_expiry(timeout + TOUCH_INTERVAL)
