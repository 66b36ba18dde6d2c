"""Every public path keeps its name and its address, whatever the code layout.

Links in mails already sent and residents' bookmarks point at these paths;
moving a view between modules (docs/decisions/0012) must never change them.
The table was taken from the URLconf before the layout change. A new URL is
added here on purpose; a changed one fails.
"""

import pytest
from django.urls import get_resolver, resolve, reverse
from django.urls.resolvers import URLPattern, URLResolver

PUBLIC_URLS = [
    ("home", {}, "/"),
    ("healthz", {}, "/healthz"),
    ("readyz", {}, "/readyz"),
    ("login", {}, "/accounts/login/"),
    ("logout", {}, "/accounts/logout/"),
    ("password_change", {}, "/accounts/password_change/"),
    ("password_change_done", {}, "/accounts/password_change/done/"),
    ("password_reset", {}, "/accounts/password_reset/"),
    ("password_reset_done", {}, "/accounts/password_reset/done/"),
    ("password_reset_confirm", {"uidb64": "MQ", "token": "abc-123"}, "/accounts/reset/MQ/abc-123/"),
    ("password_reset_complete", {}, "/accounts/reset/done/"),
    ("twofactor:verify", {}, "/accounts/tweestapsverificatie/code/"),
    ("twofactor:setup", {}, "/accounts/tweestapsverificatie/instellen/"),
    ("twofactor:recovery-codes", {}, "/accounts/tweestapsverificatie/herstelcodes/"),
    ("set_language", {}, "/i18n/setlang/"),
    ("smederijen:smederij-list", {}, "/smederijen/"),
    ("smederijen:my-overview", {}, "/smederijen/mijn-overzicht/"),
    ("smederijen:smederij-detail", {"slug": "krakeel"}, "/smederijen/krakeel/"),
    ("smederijen:account", {}, "/smederijen/account/gegevens/"),
    ("smederijen:register", {}, "/smederijen/account/registreren/"),
    ("smederijen:privacy", {}, "/smederijen/over/privacy/"),
    ("smederijen:account-export", {}, "/smederijen/account/gegevens/downloaden/"),
    ("smederijen:account-erase", {}, "/smederijen/account/verwijderen/"),
    ("smederijen:account-erased", {}, "/smederijen/account/verwijderd/"),
    ("smederijen:register-sent", {}, "/smederijen/account/registreren/verstuurd/"),
    ("smederijen:home-area", {}, "/smederijen/account/woongebied/"),
    ("smederijen:verify-email-resend", {}, "/smederijen/account/bevestigen/opnieuw/"),
    ("smederijen:verify-email", {"token": "abc-123"}, "/smederijen/account/bevestigen/abc-123/"),
    ("smederijen:area-change-create", {}, "/smederijen/account/gebied-wijzigen/"),
    ("smederijen:area-change-list", {}, "/smederijen/account/gebiedswijzigingen/"),
    ("smederijen:area-change-decide", {"pk": 7}, "/smederijen/account/gebiedswijzigingen/7/"),
    ("smederijen:group-create", {}, "/smederijen/groepen/nieuw/"),
    ("smederijen:my-groups", {}, "/smederijen/groepen/mijn/"),
    (
        "smederijen:group-invitation",
        {"token": "abc-123"},
        "/smederijen/groepen/uitnodiging/abc-123/",
    ),
    ("smederijen:group-detail", {"slug": "krakeel"}, "/smederijen/groepen/krakeel/"),
    ("smederijen:group-invite", {"slug": "krakeel"}, "/smederijen/groepen/krakeel/uitnodigen/"),
    ("smederijen:initiatiefgroep", {"slug": "krakeel"}, "/smederijen/krakeel/initiatiefgroep/"),
    (
        "smederijen:initiatiefgroep-join",
        {"slug": "krakeel"},
        "/smederijen/krakeel/initiatiefgroep/aanmelden/",
    ),
    (
        "smederijen:initiatiefgroep-decide",
        {"slug": "krakeel", "pk": 7},
        "/smederijen/krakeel/initiatiefgroep/verzoeken/7/",
    ),
    ("projecten:proposal-create", {}, "/voorstellen/nieuw/"),
    ("projecten:my-proposals", {}, "/voorstellen/mijn/"),
    ("projecten:proposal-detail", {"pk": 7}, "/voorstellen/7/"),
    ("projecten:proposal-update", {"pk": 7}, "/voorstellen/7/bewerken/"),
    ("projecten:proposal-withdraw", {"pk": 7}, "/voorstellen/7/intrekken/"),
    ("projecten:attachment-download", {"pk": 7}, "/voorstellen/bijlagen/7/"),
    ("projecten:smederij-proposals", {"slug": "krakeel"}, "/voorstellen/smederij/krakeel/"),
    ("projecten:comment-create", {"pk": 7}, "/voorstellen/7/reacties/"),
    ("projecten:comment-hide", {"pk": 7}, "/voorstellen/reacties/7/verbergen/"),
    ("projecten:support-add", {"pk": 7}, "/voorstellen/7/steunen/"),
    ("projecten:support-remove", {"pk": 7}, "/voorstellen/7/steun-intrekken/"),
    ("projecten:attachment-create", {"pk": 7}, "/voorstellen/7/bijlagen/nieuw/"),
    ("projecten:attachment-remove", {"pk": 7}, "/voorstellen/bijlagen/7/verwijderen/"),
    ("projecten:accounting-detail", {"pk": 7}, "/voorstellen/7/verantwoording/"),
    ("projecten:accounting-create", {"pk": 7}, "/voorstellen/7/verantwoording/indienen/"),
    ("projecten:accounting-check", {"pk": 7}, "/voorstellen/7/verantwoording/beoordelen/"),
    (
        "projecten:accounting-overview",
        {"slug": "krakeel"},
        "/voorstellen/smederij/krakeel/verantwoordingen/",
    ),
    (
        "projecten:shared-good-list",
        {"slug": "krakeel"},
        "/voorstellen/smederij/krakeel/gedeelde-spullen/",
    ),
    ("projecten:shared-good-create", {"pk": 7}, "/voorstellen/7/gedeelde-spullen/nieuw/"),
    ("projecten:borrow-request-create", {"pk": 7}, "/voorstellen/gedeelde-spullen/7/lenen/"),
    ("projecten:borrow-request-decide", {"pk": 7}, "/voorstellen/leenverzoeken/7/beslissen/"),
    ("projecten:review-queue", {}, "/voorstellen/beoordelen/"),
    ("projecten:proposal-start-review", {"pk": 7}, "/voorstellen/7/in-behandeling-nemen/"),
    ("projecten:advice-give", {"pk": 7}, "/voorstellen/7/advies/"),
    ("projecten:proposal-request-changes", {"pk": 7}, "/voorstellen/7/wijzigingen-vragen/"),
    ("projecten:decision-methods", {}, "/voorstellen/beslismethode/"),
    ("projecten:decision", {"pk": 7}, "/voorstellen/7/beslissen/"),
    ("projecten:decision-letter", {"pk": 7}, "/voorstellen/7/besluit/"),
    ("projecten:proposal-reopen", {"pk": 7}, "/voorstellen/7/weer-oppakken/"),
    ("projecten:money", {"pk": 7}, "/voorstellen/7/geld/"),
    ("projecten:money-advance", {"pk": 7}, "/voorstellen/7/geld/voorschot/"),
    ("projecten:money-payment", {"pk": 7}, "/voorstellen/7/geld/betaling/"),
    ("projecten:money-cancel", {"pk": 7}, "/voorstellen/7/geld/annuleren/"),
    ("projecten:money-refund", {"pk": 7}, "/voorstellen/7/geld/terugbetaling/"),
    (
        "projecten:money-co-funding",
        {"pk": 7, "co_funding_pk": 7},
        "/voorstellen/7/geld/cofinanciering/7/",
    ),
    ("projecten:money-complete", {"pk": 7}, "/voorstellen/7/geld/afronden/"),
    ("projecten:vote-list", {}, "/voorstellen/stemmen/"),
    ("dashboard:overview", {}, "/cijfers/"),
    ("dashboard:wijkteam", {"slug": "de-weide"}, "/cijfers/wijkteam/de-weide/"),
    ("dashboard:smederij", {"slug": "krakeel"}, "/cijfers/smederij/krakeel/"),
    ("dashboard:annual-report", {"year": 2025}, "/cijfers/jaarverslag/2025/"),
    ("projecten:vote-open", {"pk": 7}, "/voorstellen/7/stemming-openen/"),
    ("projecten:vote-detail", {"pk": 7}, "/voorstellen/stemmingen/7/"),
    (
        "projecten:election:round-list",
        {"slug": "krakeel"},
        "/voorstellen/verkiezing/smederij/krakeel/",
    ),
    (
        "projecten:election:round-create",
        {"slug": "krakeel"},
        "/voorstellen/verkiezing/smederij/krakeel/nieuw/",
    ),
    ("projecten:election:round-detail", {"pk": 7}, "/voorstellen/verkiezing/7/"),
    ("projecten:election:round-update", {"pk": 7}, "/voorstellen/verkiezing/7/wijzigen/"),
    (
        "projecten:election:round-fix-ballot",
        {"pk": 7},
        "/voorstellen/verkiezing/7/stembiljet-vaststellen/",
    ),
    (
        "projecten:election:idea-hold-back",
        {"pk": 7},
        "/voorstellen/verkiezing/ideeen/7/achterhouden/",
    ),
    ("projecten:election:ballot", {"pk": 7}, "/voorstellen/verkiezing/7/stemmen/"),
    (
        "projecten:election:ballot-confirm",
        {"pk": 7},
        "/voorstellen/verkiezing/7/stemmen/bevestigen/",
    ),
    ("projecten:election:receipt", {"pk": 7}, "/voorstellen/verkiezing/7/ontvangstbewijs/"),
    ("projecten:election:paper-tally", {"pk": 7}, "/voorstellen/verkiezing/7/papieren-stemmen/"),
    ("projecten:election:result", {"pk": 7}, "/voorstellen/verkiezing/7/uitslag/"),
    ("projecten:election:recount", {"pk": 7}, "/voorstellen/verkiezing/7/hertelling/"),
    ("projecten:election:fund-again", {"pk": 7}, "/voorstellen/verkiezing/7/opnieuw-toekennen/"),
    ("projecten:election:export-ballots", {"pk": 7}, "/voorstellen/verkiezing/7/stembiljetten.csv"),
    ("projecten:election:export-result", {"pk": 7}, "/voorstellen/verkiezing/7/uitslag.csv"),
    ("projecten:election:export-pb", {"pk": 7}, "/voorstellen/verkiezing/7/verkiezing.pb"),
    # Exports of the figures (issue 13, item 5).
    ("dashboard:export-index", {}, "/cijfers/export/"),
    (
        "dashboard:export",
        {"dataset": "voorstellen", "file_format": "xlsx"},
        "/cijfers/export/voorstellen.xlsx",
    ),
    ("dashboard:export-job", {"pk": 7}, "/cijfers/export/taken/7/"),
    ("dashboard:export-job-file", {"pk": 7}, "/cijfers/export/taken/7/bestand/"),
    ("spending:latest", {}, "/besteed/"),
    ("spending:year", {"year": 2013}, "/besteed/2013/"),
    ("spending:smederij", {"year": 2013, "slug": "krakeel"}, "/besteed/2013/krakeel/"),
    ("budget:year-list", {}, "/geld/"),
    ("budget:year-open", {}, "/geld/nieuw/"),
    ("budget:year-detail", {"year": 2013}, "/geld/2013/"),
    ("budget:year-split", {"year": 2013}, "/geld/2013/verdeling/"),
    ("budget:shares", {"year": 2013}, "/geld/2013/aandelen/"),
    ("budget:reallocate", {"year": 2013}, "/geld/2013/herverdelen/"),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "path"), PUBLIC_URLS, ids=[row[0] for row in PUBLIC_URLS]
)
def test_public_url_keeps_its_path(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name


def _named_urls(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_named_url_of_the_site_is_pinned():
    pinned = {row[0] for row in PUBLIC_URLS}
    names = {
        name for name in _named_urls(get_resolver().url_patterns) if not name.startswith("admin:")
    }
    assert names - pinned == set(), "a new URL: add it to PUBLIC_URLS"
    assert pinned - names == set(), "a public URL disappeared"
