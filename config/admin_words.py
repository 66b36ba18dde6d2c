"""Words of the admin (/beheer/) that Django and django-axes leave in English in Dutch.

Django's own Dutch catalogue lacks the hidden column headers of the app list ("Add link",
"Change or view list link") and a help text of the user form; django-axes has no Dutch at
all. Our catalogue (LOCALE_PATHS) is searched before theirs, so naming the strings here
puts them in locale/nl/LC_MESSAGES/django.po, where they get their Dutch. Nothing imports
this module: makemessages reads it, and gettext_noop marks without translating.
"""

from django.utils.translation import gettext_noop

ADMIN_WORDS = (
    # django.contrib.admin: the first breadcrumb; Django's Dutch says "Voorpagina", the site
    # "Startpagina" (docs/glossary.md).
    gettext_noop("Home"),
    # django.contrib.admin: templates/admin/app_list.html (screen-reader column headers)
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # django.contrib.admin: templates/admin/auth/user/add_form.html
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # django-axes: models.py and admin.py
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
)
