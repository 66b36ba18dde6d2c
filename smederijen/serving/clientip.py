"""The visitor's address, for rate limits and login throttling.

Behind a proxy or load balancer `REMOTE_ADDR` is the proxy's own address: every visitor
would share one bucket. Only a proxy we run may tell us the real address, in a header it
appends to (`X-Forwarded-For` by default). `TRUSTED_PROXY_COUNT` says how many of our
proxies stand in front of the application; the address is read that many entries from
the right, so whatever a visitor wrote into the header themselves (the left part) is
never believed. With no proxy configured (the default) the header is ignored entirely.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = "HTTP_" + settings.TRUSTED_PROXY_HEADER.upper().replace("-", "_")
    entries = [item for item in request.META.get(header, "").split(",") if item.strip()]
    if not entries:
        return remote
    # Our nearest proxy appended the address it saw last; `count` proxies wrote the last
    # `count` entries. A shorter chain than configured: the leftmost one is the client.
    candidate = entries[-count] if len(entries) >= count else entries[0]
    return _valid(candidate) or remote


def axes_client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: login throttling counts the same address as the limits."""
    return client_address(request)
