"""Ending sessions: all of one user's, and the ones left alone too long."""

from django.conf import settings

from smederijen.usersessions.models import UserSession

# When the session last saw a request, and how long it may rest (seconds).
LAST_SEEN_KEY = "smederijen_last_seen"
IDLE_TIMEOUT_KEY = "smederijen_idle_timeout"
# The session is written at most this often to record activity: not on every request.
TOUCH_INTERVAL = 60


def sessions_end_for(*, user_id: int, keep_session_key: str | None = None) -> int:
    """Delete every session of this user (except `keep_session_key`); the count deleted."""
    sessions = UserSession.objects.filter(user_id=user_id)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    deleted, _ = sessions.delete()
    return deleted


def session_mark_strict(session) -> None:
    """This session belongs to a role that needs two-factor login: it rests less long."""
    session[IDLE_TIMEOUT_KEY] = settings.SESSION_IDLE_TIMEOUT_TWO_FACTOR
    session.pop(LAST_SEEN_KEY, None)
