"""The CSRF failure page in the site's layout.

Django renders its own 400, 403, 404 and 500 pages from the templates of those names
(templates/4xx.html, 500.html); only the CSRF failure needs a view to get the layout,
the menu and a fresh token (the page's own forms set a new cookie, so going back and
sending again works).
"""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    # `reason` is for developers (DEBUG shows Django's page instead); a resident gets the
    # plain explanation, never which check failed.
    return render(request, "403_csrf.html", status=403)
