from .navigation import navigation_for


def navigation(request):
    """The menu of the site shell: what this visitor's roles let them do."""
    return {"navigation": navigation_for(getattr(request, "user", None))}
