"""How often one person or one connection may do something, counted in the shared cache.

Redis in production, so every web process counts together (decision 0005 for the
registrations). A limit is a fixed window: the first action opens it, the count resets
when it ends. A limit per connection counts `client_address(request)`: the visitor's address
from the header of our own proxy when TRUSTED_PROXY_COUNT says there is one, else
REMOTE_ADDR (smederijen/serving/clientip.py; django-axes counts the same address). Each limit is named where it is used, with why it is as high as it is;
a refusal is a `DomainError` with code "rate_limited" and a Dutch message that says
when to try again, so a view shows it as any other refusal.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from smederijen.errors import DomainError

# Re-exported: the views count a connection by this address.
from smederijen.serving.clientip import client_address as client_address


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int
    seconds: int

    def wait_text(self) -> str:
        if self.seconds >= 3600:
            return _("in an hour")
        return _("in a few minutes")


class RateLimited(DomainError):
    pass


def rate_limit_hit(rate: RateLimit, who: object, *, message: str | None = None) -> None:
    """Count one action of `who` (a user's pk, an address); refuse past the limit, with
    `message` when the action has its own words for it.

    Nothing is counted for an unknown `who` (no address behind a test client, say).
    """
    if who in (None, ""):
        return
    key = f"smederijen:rate:{rate.name}:{who}"
    cache.add(key, 0, timeout=rate.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=rate.seconds)
        count = 1
    if count > rate.limit:
        raise RateLimited(
            message
            or _("You did this many times in a short while. Please try again %(when)s.")
            % {"when": rate.wait_text()},
            code="rate_limited",
        )


# Comments: a lively discussion has a few a minute; a script posts hundreds.
COMMENTS = RateLimit("comments", limit=20, seconds=600)
# Supports: a resident supports the ideas of their area, not hundreds an hour.
SUPPORTS = RateLimit("supports", limit=60, seconds=3600)
# Invitations to a group: a group invites its members, not the town.
INVITATIONS = RateLimit("invitations", limit=20, seconds=3600)
# Password resets: per address asked and per connection, so nobody floods an inbox.
PASSWORD_RESETS_PER_EMAIL = RateLimit("password-reset-email", limit=3, seconds=3600)
PASSWORD_RESETS_PER_ADDRESS = RateLimit("password-reset-address", limit=20, seconds=3600)
