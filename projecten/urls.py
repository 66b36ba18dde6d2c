"""The URLs under /voorstellen/: each subject's `urls.py`, in one namespace `projecten`.

Paths and names are public (links in mails already sent, residents' bookmarks):
they never change with the layout; `tests/test_public_urls.py` pins every one.
The election keeps its own namespace, `projecten:election`.
"""

from django.urls import include, path

from projecten.accounting import urls as accounting_urls
from projecten.decisions import urls as decisions_urls
from projecten.money import urls as money_urls
from projecten.participation import urls as participation_urls
from projecten.proposals import urls as proposals_urls
from projecten.review import urls as review_urls
from projecten.shared_goods import urls as shared_goods_urls
from projecten.votes import urls as votes_urls

app_name = "projecten"

urlpatterns = [
    *proposals_urls.urlpatterns,
    *participation_urls.urlpatterns,
    *accounting_urls.urlpatterns,
    *shared_goods_urls.urlpatterns,
    *review_urls.urlpatterns,
    *decisions_urls.urlpatterns,
    *money_urls.urlpatterns,
    *votes_urls.urlpatterns,
    path("verkiezing/", include("projecten.election.urls")),
]
