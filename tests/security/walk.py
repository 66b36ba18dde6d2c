"""The URL walk, the answer codes and the fingerprint shared by the matrix and the fuzz test."""

from django.apps import apps
from django.db import connection
from django.urls import get_resolver
from django.urls.resolvers import URLPattern, URLResolver

from tests.security.world import ROLES

OUR_APPS = ("smederijen", "wijken", "projecten", "budget")


def named_urls(patterns=None, namespace=""):
    """Every named pattern of the URLconf, recursively, outside the admin."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def code(response) -> str:
    """200, L (to the login page), 302 (elsewhere), or the status as it is."""
    if response.status_code in (301, 302, 303):
        return "L" if response["Location"].startswith("/accounts/login/") else "302"
    return str(response.status_code)


def parse_row(row: str) -> dict:
    """'L L 200 …' (one code per role of ROLES) -> {role: code}."""
    codes = row.split()
    assert len(codes) == len(ROLES), f"{row!r}: {len(codes)} codes, {len(ROLES)} roles"
    return dict(zip(ROLES, codes, strict=True))


# The SQL below is built from our own model metadata, never from input (hence the noqa).
_FINGERPRINT_SQL = None


def _concat(key, column):
    pair = f"CAST({key} AS TEXT) || ':' || {column}"
    if connection.vendor == "postgresql":
        return f"COALESCE(STRING_AGG({pair}, ',' ORDER BY {key}), '')"
    return f"COALESCE(GROUP_CONCAT({pair}, ','), '')"


def fingerprint():
    """One cheap query: the row count of every table of our apps and every status column.

    A refused request must leave all of it as it was: a row added or removed, or a
    status changed (a proposal withdrawn, a request decided, a comment hidden), shows.
    """
    global _FINGERPRINT_SQL
    if _FINGERPRINT_SQL is None:
        parts = []
        quote = connection.ops.quote_name
        for model in apps.get_models():
            if model._meta.app_label not in OUR_APPS or not model._meta.managed:
                continue
            table = quote(model._meta.db_table)
            parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608
            for column in ("status", "hidden_at", "funding_status", "is_active", "accepted_at"):
                if column in {f.column for f in model._meta.concrete_fields}:
                    parts.append(
                        f"(SELECT COUNT(DISTINCT {quote('id')}) FROM {table} "  # noqa: S608
                        f"WHERE {quote(column)} IS NOT NULL)"
                    )
                    if column in ("status", "funding_status"):
                        # The statuses themselves: a change of one row shows.
                        parts.append(f"(SELECT {_concat(quote('id'), quote(column))} FROM {table})")  # noqa: S608
        _FINGERPRINT_SQL = "SELECT " + ", ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL)
        return cursor.fetchone()
