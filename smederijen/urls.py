"""The URLs under /smederijen/, in the namespace `smederijen`.

The Smederij page and a group's page are added by config/urls.py (their views live in
projecten). Every path of accounts and groups has two or more segments, so the Smederij
page (one slug) never shadows them.
"""

from django.urls import path

from smederijen import views
from smederijen.accounts import urls as account_urls
from smederijen.groups import urls as group_urls
from smederijen.privacy import urls as privacy_urls

app_name = "smederijen"

urlpatterns = [
    path("", views.SmederijListView.as_view(), name="smederij-list"),
    path("mijn-overzicht/", views.MyOverviewView.as_view(), name="my-overview"),
    *account_urls.urlpatterns,
    *group_urls.urlpatterns,
    *privacy_urls.urlpatterns,
]
