"""The bench-only middleware of bench/pages_server.py: queries per request in a header."""

from django.db import connections

QUERY_COUNT_HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    """Count every query a request makes, on every connection, and say so in a header.

    Outermost, so that the session, authentication, two-factor and idle-session work of
    the other middleware is counted too, as django_assert_max_num_queries counts it.
    A streamed response's queries run after this returns: it says `stream` instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        wrappers = [conn.execute_wrapper(counter) for conn in connections.all()]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response[QUERY_COUNT_HEADER] = "stream" if response.streaming else str(count)
        return response
