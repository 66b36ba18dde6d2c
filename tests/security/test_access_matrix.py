"""The access matrix: every URL of the site × the eleven roles of DESIGN.md × GET and POST.

One table (`MATRIX`) gives the expected answer of each cell; a URL of the URLconf
missing from it fails `test_every_url_is_in_the_matrix`, with its name. Codes, one
per role of `ROLES` in this order:
  anonymous unverified resident_a resident_b initiatiefgroep_a professional_a
  professional_b gebiedsregisseur_a gebiedsregisseur_b stuurgroep beheerder
200 = the page; L = to the login page; 302 = elsewhere (done, or sent on);
403 = may see the object but not act; 404 = out of reach (or no such object); 405.

Every object lies in Smederij A (tests/security/world.py), so the roles of B stand
outside it: for them a private object is 404, never 403 (a 403 would tell it exists).
POSTs carry an empty body: a refused POST must change nothing (`fingerprint`).
The admin is covered by its index and one changelist per role (decision 0027).

Adding a URL: one row in MATRIX — the kwargs (which object of the world) and two
rows of eleven codes. `MATRIX_RECORD=1 pytest -s tests/security/test_access_matrix.py`
prints the rows as they are now, to review (never to paste unread).
"""

import os

import pytest
from django.test import Client
from django.utils import timezone

from tests.security.walk import code, fingerprint, named_urls, parse_row
from tests.security.world import ROLES, kwargs_for, module_world

world = module_world()

REFUSED = {"L", "403", "404", "405"}


RECORD = os.environ.get("MATRIX_RECORD") == "1"

P = "pk"
# The world's budget year (tests/security/world.py opens this year's).
THIS_YEAR = timezone.localdate().year
# name: (kwargs: which object of the world fills the pattern, GET row, POST row)
# roles: anon unverified res_A res_B igroep_A prof_A prof_B regis_A regis_B stuurgroep beheerder
MATRIX = {
    # Two-factor pages (the suite runs with OTP_REQUIRED off; tests/smederijen/twofactor
    # asks them with it on): a person without a device is sent on; the roles that need
    # one may set it up, an empty code is refused.
    "twofactor:verify": (
        {},
        "L 302 302 302 302 302 302 302 302 302 302",
        "L 302 302 302 302 302 302 302 302 302 302",
    ),
    "twofactor:setup": (
        {},
        "L 302 302 302 302 302 302 200 200 200 200",
        "L 302 302 302 302 302 302 400 400 400 400",
    ),
    "twofactor:recovery-codes": (
        {},
        "L 302 302 302 302 302 302 302 302 302 302",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    # Exports of the figures: the stuurgroep and the administrators; a job is its owner's
    # alone (the stuurgroep member's), 404 for anyone else, and its file only once written.
    # POST starts a large export.
    "dashboard:export-index": (
        {},
        "L 403 403 403 403 403 403 403 403 200 200",
        "L 403 403 403 403 403 403 403 403 405 405",
    ),
    "dashboard:export": (
        {"dataset": "voorstellen", "file_format": "csv"},
        "L 403 403 403 403 403 403 403 403 200 200",
        "L 403 403 403 403 403 403 403 403 302 302",
    ),
    "dashboard:export-job": (
        {P: "export_job"},
        "L 404 404 404 404 404 404 404 404 200 404",
        "L 404 404 404 404 404 404 404 404 405 404",
    ),
    "dashboard:export-job-file": (
        {P: "export_job"},
        "L 404 404 404 404 404 404 404 404 404 404",
        "L 404 404 404 404 404 404 404 404 405 404",
    ),
    # For the load balancer: open to everyone, they read nothing of anyone; GET only.
    "healthz": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "readyz": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "home": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "login": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200 200",
    ),
    "logout": (
        {},
        "405 405 405 405 405 405 405 405 405 405 405",
        "302 302 302 302 302 302 302 302 302 302 302",
    ),
    "password_change": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 200 200 200 200 200 200 200 200 200 200",
    ),
    "password_change_done": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "password_reset": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200 200",
    ),
    "password_reset_done": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "password_reset_confirm": (
        {"uidb64": "MQ", "token": "abc-123"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200 200",
    ),
    "password_reset_complete": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "set_language": (
        {},
        "302 302 302 302 302 302 302 302 302 302 302",
        "302 302 302 302 302 302 302 302 302 302 302",
    ),
    "smederijen:smederij-list": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:my-overview": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:smederij-detail": (
        {"slug": "smederij"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:account": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:register": (
        {},
        "200 302 302 302 302 302 302 302 302 302 302",
        "400 302 302 302 302 302 302 302 302 302 302",
    ),
    "smederijen:register-sent": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    # Privacy (decision 0029): the page and the page after an erasure are for everyone;
    # an empty POST to the erasure is an invalid form (no password): nothing erased.
    "smederijen:privacy": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:account-export": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:account-erase": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 400 400 400 400 400 400 400 400 400 400",
    ),
    "smederijen:account-erased": (
        {},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:home-area": (
        {},
        "L 302 302 302 302 200 200 200 200 200 200",
        "L 302 302 302 302 400 400 400 400 400 400",
    ),
    "smederijen:verify-email-resend": (
        {},
        "L 405 405 405 405 405 405 405 405 405 405",
        "L 302 302 302 302 302 302 302 302 302 302",
    ),
    "smederijen:verify-email": (
        {"token": "verify_token"},
        "200 302 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:area-change-create": (
        {},
        "L 200 200 200 200 302 302 302 302 302 302",
        "L 400 400 400 400 302 302 302 302 302 302",
    ),
    "smederijen:area-change-list": (
        {},
        "L 403 403 403 403 403 403 200 200 403 403",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:area-change-decide": (
        {P: "area_change"},
        "L 404 404 404 404 404 404 404 200 404 404",
        "L 404 404 404 404 404 404 404 400 404 404",
    ),
    "smederijen:group-create": (
        {},
        "L 403 200 200 200 403 403 403 403 403 403",
        "L 403 400 400 400 403 403 403 403 403 403",
    ),
    "smederijen:my-groups": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:group-invitation": (
        {"token": "invitation_token"},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 302 302 403 302 403 403 403 403 403 403",
    ),
    "smederijen:group-detail": (
        {"slug": "group"},
        "L 200 200 404 200 200 404 200 404 404 404",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "smederijen:group-invite": (
        {"slug": "group"},
        "L 403 200 404 403 403 404 403 404 404 404",
        "L 403 400 404 403 403 404 403 404 404 404",
    ),
    "smederijen:initiatiefgroep": (
        {"slug": "smederij"},
        "L 403 403 403 200 403 403 200 403 403 403",
        "L 403 403 403 405 403 403 405 403 403 403",
    ),
    "smederijen:initiatiefgroep-join": (
        {"slug": "smederij"},
        "L 403 200 403 403 403 403 403 403 403 403",
        "L 403 400 403 403 403 403 403 403 403 403",
    ),
    "smederijen:initiatiefgroep-decide": (
        {"slug": "smederij", P: "join_request"},
        "L 404 404 404 405 404 404 405 404 404 404",
        "L 404 404 404 302 404 404 302 404 404 404",
    ),
    "projecten:proposal-create": (
        {},
        "L 200 200 200 200 302 302 302 302 302 302",
        "L 400 400 400 400 302 302 302 302 302 302",
    ),
    "projecten:my-proposals": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:proposal-detail": (
        {P: "proposal:submitted"},
        "404 404 200 404 200 200 404 200 404 200 404",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:proposal-update": (
        {P: "proposal:draft"},
        "L 404 200 404 404 404 404 404 404 404 404",
        "L 404 400 404 404 404 404 404 404 404 404",
    ),
    "projecten:proposal-withdraw": (
        {P: "proposal:submitted"},
        "L 404 200 404 403 403 404 403 404 403 404",
        "L 404 302 404 403 403 404 403 404 403 404",
    ),
    "projecten:attachment-download": (
        {P: "attachment"},
        "404 404 200 404 404 200 404 200 404 200 404",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:smederij-proposals": (
        {"slug": "smederij"},
        "L 404 200 404 200 200 404 200 404 200 404",
        "L 404 405 404 405 405 404 405 404 405 404",
    ),
    "projecten:comment-create": (
        {P: "proposal:submitted"},
        "404 404 405 404 405 405 404 405 404 405 404",
        "404 404 400 404 400 400 404 400 404 400 404",
    ),
    "projecten:comment-hide": (
        {P: "comment"},
        "404 404 403 404 403 403 404 200 404 403 404",
        "404 404 403 404 403 403 404 400 404 403 404",
    ),
    "projecten:support-add": (
        {P: "proposal:submitted"},
        "404 404 403 404 405 403 404 403 404 403 404",
        "404 404 403 404 302 403 404 403 404 403 404",
    ),
    "projecten:support-remove": (
        {P: "proposal:submitted"},
        "404 404 405 404 405 405 404 405 404 405 404",
        "404 404 302 404 302 302 404 302 404 302 404",
    ),
    "projecten:attachment-create": (
        {P: "proposal:draft"},
        "404 404 200 404 404 404 404 404 404 404 404",
        "404 404 400 404 404 404 404 404 404 404 404",
    ),
    "projecten:attachment-remove": (
        {P: "attachment"},
        "404 404 403 404 403 403 404 403 404 403 404",
        "404 404 403 404 403 403 404 403 404 403 404",
    ),
    "projecten:accounting-detail": (
        {P: "proposal:accounted"},
        "L 403 200 403 403 200 403 200 403 200 403",
        "L 403 405 403 403 405 403 405 403 405 403",
    ),
    "projecten:accounting-create": (
        {P: "proposal:in_progress"},
        "L 403 200 403 403 403 403 403 403 403 403",
        "L 403 400 403 403 403 403 403 403 403 403",
    ),
    "projecten:accounting-check": (
        {P: "proposal:accounted"},
        "L 403 403 403 403 403 403 405 403 403 403",
        "L 403 403 403 403 403 403 400 403 403 403",
    ),
    "projecten:accounting-overview": (
        {"slug": "smederij"},
        "L 403 403 403 403 403 403 200 403 403 403",
        "L 403 403 403 403 403 403 405 403 403 403",
    ),
    "projecten:shared-good-list": (
        {"slug": "smederij"},
        "L 200 200 403 200 200 403 200 403 200 403",
        "L 405 405 403 405 405 403 405 403 405 403",
    ),
    "projecten:shared-good-create": (
        {P: "proposal:in_progress"},
        "L 403 200 403 403 403 403 200 403 403 403",
        "L 403 400 403 403 403 403 400 403 403 403",
    ),
    "projecten:borrow-request-create": (
        {P: "shared_good"},
        "L 403 200 404 403 403 404 403 404 403 404",
        "L 403 400 404 403 403 404 403 404 403 404",
    ),
    "projecten:borrow-request-decide": (
        {P: "borrow_request"},
        "405 405 405 405 405 405 405 405 405 405 405",
        "L 403 302 404 403 403 404 302 404 403 404",
    ),
    "projecten:review-queue": (
        {},
        "L 403 403 403 403 200 200 200 200 403 403",
        "L 403 403 403 403 405 405 405 405 403 403",
    ),
    "projecten:proposal-start-review": (
        {P: "proposal:submitted"},
        "L 404 403 404 403 405 404 405 404 403 404",
        "L 404 403 404 403 302 404 302 404 403 404",
    ),
    "projecten:advice-give": (
        {P: "proposal:in_review"},
        "L 404 403 404 403 200 404 403 404 403 404",
        "L 404 403 404 403 400 404 403 404 403 404",
    ),
    "projecten:proposal-request-changes": (
        {P: "proposal:in_review"},
        "L 404 403 404 403 200 404 200 404 403 404",
        "L 404 403 404 403 400 404 400 404 403 404",
    ),
    "projecten:decision-methods": (
        {},
        "L 403 403 403 403 403 403 200 200 403 403",
        "L 403 403 403 403 403 403 400 400 403 403",
    ),
    "projecten:decision": (
        {P: "proposal:deciding"},
        "L 404 403 404 403 403 404 200 404 403 404",
        "L 404 403 404 403 403 404 404 404 403 404",
    ),
    "projecten:decision-letter": (
        {P: "proposal:rejected"},
        "L 404 404 404 404 404 404 404 404 404 404",
        "L 404 405 404 404 405 404 405 404 405 404",
    ),
    "projecten:proposal-reopen": (
        {P: "proposal:deferred"},
        "L 404 403 404 403 403 404 405 404 403 404",
        "L 404 403 404 403 403 404 302 404 403 404",
    ),
    "projecten:money": (
        {P: "proposal:approved"},
        "L 403 403 403 403 403 403 200 403 403 403",
        "L 403 403 403 403 403 403 405 403 403 403",
    ),
    "projecten:money-advance": (
        {P: "proposal:approved"},
        "L 403 403 403 403 403 403 405 403 403 403",
        "L 403 403 403 403 403 403 400 403 403 403",
    ),
    "projecten:money-payment": (
        {P: "proposal:approved"},
        "L 403 403 403 403 403 403 405 403 403 403",
        "L 403 403 403 403 403 403 400 403 403 403",
    ),
    "projecten:money-cancel": (
        {P: "proposal:approved"},
        "L 403 403 403 403 403 403 200 403 403 403",
        "L 403 403 403 403 403 403 400 403 403 403",
    ),
    "projecten:money-refund": (
        {P: "proposal:approved"},
        "L 403 403 403 403 403 403 405 403 403 403",
        "L 403 403 403 403 403 403 400 403 403 403",
    ),
    "projecten:money-co-funding": (
        {P: "proposal:approved", "co_funding_pk": "co_funding"},
        "L 403 403 403 403 403 403 405 403 403 403",
        "L 403 403 403 403 403 403 302 403 403 403",
    ),
    "projecten:money-complete": (
        {P: "proposal:approved"},
        "L 403 403 403 403 403 403 405 403 403 403",
        "L 403 403 403 403 403 403 400 403 403 403",
    ),
    "projecten:vote-list": (
        {},
        "L 200 200 200 200 200 200 200 200 200 200",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:vote-open": (
        {P: "proposal:deciding"},
        "L 404 403 404 403 403 404 200 404 403 404",
        "L 404 403 404 403 403 404 400 404 403 404",
    ),
    "projecten:vote-detail": (
        {P: "vote"},
        "L 404 403 404 200 403 404 200 404 403 404",
        "L 404 403 404 400 403 404 400 404 403 404",
    ),
    "projecten:election:round-list": (
        {"slug": "smederij"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:election:round-create": (
        {"slug": "smederij"},
        "L 404 403 404 403 403 404 200 404 403 404",
        "L 404 403 404 403 403 404 400 404 403 404",
    ),
    "projecten:election:round-detail": (
        {P: "round:open"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:election:round-update": (
        {P: "round:open"},
        "L 404 403 404 403 403 404 200 404 403 404",
        "L 404 403 404 403 403 404 400 404 403 404",
    ),
    "projecten:election:round-fix-ballot": (
        {P: "round:open"},
        "L 404 403 404 403 403 404 405 404 403 404",
        "L 404 403 404 403 403 404 302 404 403 404",
    ),
    "projecten:election:idea-hold-back": (
        {P: "idea"},
        "L 404 403 404 200 403 404 200 404 403 404",
        "L 404 403 404 400 403 404 400 404 403 404",
    ),
    "projecten:election:ballot": (
        {P: "round:open"},
        "L 404 200 404 200 403 404 403 404 403 404",
        "L 404 400 404 400 403 404 403 404 403 404",
    ),
    "projecten:election:ballot-confirm": (
        {P: "round:open"},
        "L 404 405 404 405 403 404 403 404 403 404",
        "L 404 302 404 302 403 404 403 404 403 404",
    ),
    "projecten:election:receipt": (
        {P: "round:open"},
        "L 404 404 404 404 404 404 404 404 404 404",
        "L 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:election:paper-tally": (
        {P: "round:open"},
        "L 404 403 404 200 403 404 200 404 403 404",
        "L 404 403 404 400 403 404 400 404 403 404",
    ),
    "projecten:election:result": (
        {P: "round:counted"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:election:recount": (
        {P: "round:counted"},
        "L 404 403 404 403 403 404 200 404 403 404",
        "L 404 403 404 403 403 404 302 404 403 404",
    ),
    "projecten:election:fund-again": (
        {P: "round:counted"},
        "L 404 403 404 403 403 404 405 404 403 404",
        "L 404 403 404 403 403 404 302 404 403 404",
    ),
    "projecten:election:export-ballots": (
        {P: "round:counted"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:election:export-result": (
        {P: "round:counted"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "projecten:election:export-pb": (
        {P: "round:counted"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    # Where the money went (decision 0034): public pages of the year of the world.
    "spending:latest": (
        {},
        "302 302 302 302 302 302 302 302 302 302 302",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "spending:year": (
        {"year": THIS_YEAR},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    "spending:smederij": (
        {"year": THIS_YEAR, "slug": "smederij"},
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405",
    ),
    # The pot (decision 0034): the stuurgroep sees and changes it, the administrator only
    # sees it; an empty POST of a change is an invalid form, nothing written.
    "budget:year-list": (
        {},
        "L 403 403 403 403 403 403 403 403 200 200",
        "L 403 403 403 403 403 403 403 403 405 405",
    ),
    # The figures (issue 13): the stuurgroep and the administrators read all of them; a
    # wijkteam's professionals and gebiedsregisseur its figures; A's initiatiefgroep too
    # for A. Filled in from MATRIX_RECORD and reviewed.
    "dashboard:overview": (
        {},
        "L 403 403 403 403 403 403 403 403 200 200",
        "L 403 403 403 403 403 403 403 403 405 405",
    ),
    "budget:year-open": (
        {},
        "L 403 403 403 403 403 403 403 403 200 403",
        "L 403 403 403 403 403 403 403 403 400 403",
    ),
    "budget:year-detail": (
        {"year": THIS_YEAR},
        "L 403 403 403 403 403 403 403 403 200 200",
        "L 403 403 403 403 403 403 403 403 405 405",
    ),
    "budget:year-split": (
        {"year": THIS_YEAR},
        "L 403 403 403 403 403 403 403 403 200 403",
        "L 403 403 403 403 403 403 403 403 400 403",
    ),
    "budget:shares": (
        {"year": THIS_YEAR},
        "L 403 403 403 403 403 403 403 403 200 403",
        "L 403 403 403 403 403 403 403 403 400 403",
    ),
    "budget:reallocate": (
        {"year": THIS_YEAR},
        "L 403 403 403 403 403 403 403 403 200 403",
        "L 403 403 403 403 403 403 403 403 400 403",
    ),
    "dashboard:wijkteam": (
        {"slug": "wijkteam"},
        "L 403 403 403 403 200 403 200 403 200 200",
        "L 403 403 403 403 405 403 405 403 405 405",
    ),
    "dashboard:smederij": (
        {"slug": "smederij"},
        "L 403 403 403 200 200 403 200 403 200 200",
        "L 403 403 403 405 405 403 405 403 405 405",
    ),
    "dashboard:annual-report": (
        {"year": "year"},
        "L 403 403 403 403 403 403 403 403 200 200",
        "L 403 403 403 403 403 403 403 403 405 405",
    ),
    # The admin: its index and one changelist (decision 0027), not every admin URL.
    "admin:index": (
        {},
        "302 302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 302 200",
    ),
    "admin:projecten_proposal_changelist": (
        {},
        "302 302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 302 200",
    ),
}


def _client(world, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _request(client, method, url):
    try:
        response = client.get(url) if method == "GET" else client.post(url, {})
    except Exception as error:  # a server error: the cell says 500 and the type
        return f"500:{type(error).__name__}", None
    return code(response), response


def test_every_url_is_in_the_matrix():
    names = set(named_urls())
    missing = sorted(names - set(MATRIX))
    assert missing == [], f"URLs without a row in MATRIX (tests/security): {missing}"
    gone = sorted(set(MATRIX) - names - {n for n in MATRIX if n.startswith("admin:")})
    assert gone == [], f"rows in MATRIX for URLs that no longer exist: {gone}"


def _cells():
    for name in MATRIX:
        for role in ROLES:
            yield pytest.param(name, role, id=f"{name}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), list(_cells()))
def test_access(world, name, role):
    from django.urls import reverse

    url = reverse(name, kwargs=kwargs_for(world, name, MATRIX[name][0]))
    client = _client(world, role)
    got = {}
    for method in ("GET", "POST"):
        before = fingerprint()
        got[method], _ = _request(client, method, url)
        if got[method] in REFUSED:
            assert fingerprint() == before, (
                f"{method} {name} as {role} was refused but changed data"
            )
    if RECORD:
        _RECORDED.setdefault(name, {})[role] = got
        return
    expected_get, expected_post = (parse_row(row) for row in MATRIX[name][1:])
    assert (got["GET"], got["POST"]) == (expected_get[role], expected_post[role]), (
        f"{name} as {role}: GET {got['GET']} POST {got['POST']}, "
        f"expected GET {expected_get[role]} POST {expected_post[role]}"
    )


_RECORDED = {}


@pytest.fixture(scope="module", autouse=True)
def _print_recorded():
    yield
    if RECORD:
        for name, by_role in _RECORDED.items():
            get = " ".join(by_role[r]["GET"] for r in ROLES if r in by_role)
            post = " ".join(by_role[r]["POST"] for r in ROLES if r in by_role)
            print(f'    "{name}": (\n        "{get}",\n        "{post}",\n    ),')


def test_the_table_speaks_only_known_codes_and_never_leaks_to_anonymous():
    """A row is eleven known codes; a visitor is sent to log in or sees 404, never a 403."""
    known = {"200", "L", "302", "400", "403", "404", "405"}
    for name, (_, get_row, post_row) in MATRIX.items():
        for row in (get_row, post_row):
            codes = parse_row(row)
            assert set(codes.values()) <= known, f"{name}: {row}"
            assert codes["anonymous"] != "403", f"{name}: a visitor gets 403"


CSRF_ROLES = ("anonymous", "resident_a", "gebiedsregisseur_a", "beheerder")


@pytest.mark.django_db
@pytest.mark.parametrize("role", CSRF_ROLES)
def test_every_post_without_csrf_token_is_refused(world, role):
    """With CSRF checks on (as a browser meets them), a POST without the token is 403, everywhere,
    and changes nothing (login, registration and the admin included)."""
    from django.urls import reverse

    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(world.users[role])
    answers = {}
    before = fingerprint()
    for name, (spec, _, _) in MATRIX.items():
        url = reverse(name, kwargs=kwargs_for(world, name, spec))
        answers[name] = client.post(url, {}).status_code
    assert {name: status for name, status in answers.items() if status != 403} == {}
    assert fingerprint() == before
    print(f"\nCSRF: {len(answers)} POSTs as {role}, all 403")


# --- Out of reach looks like not there -------------------------------------------------------
# A proposal of Smederij B, handed in and not funded, is private to B, and so are its
# comment, its attachment and its vote. For the roles of A, every URL of such an object
# must answer exactly as for one that does not exist: a different answer (403, a status
# message, a form) would tell that it exists.
A_SIDE = ("unverified", "resident_a", "initiatiefgroep_a", "professional_a", "gebiedsregisseur_a")
MISSING_PK = 2**31 - 1


PRIVATE_OF_B = {
    "proposal": "proposal:b",
    "comment": "comment:b",
    "attachment": "attachment:b",
    "vote": "vote:b",
}


def _private_object_urls():
    """(URL name, key of B's object) for every URL that takes one private object by pk."""
    for name, (spec, _, _) in MATRIX.items():
        kind = spec.get(P, "").split(":")[0]
        if set(spec) == {P} and kind in PRIVATE_OF_B:
            yield name, PRIVATE_OF_B[kind]


@pytest.mark.django_db
@pytest.mark.parametrize("role", A_SIDE)
def test_an_object_out_of_reach_answers_as_one_that_does_not_exist(world, role):
    from django.urls import reverse

    client = _client(world, role)
    differ = {}
    for name, key in _private_object_urls():
        for method in ("GET", "POST"):
            before = fingerprint()
            other, _ = _request(client, method, reverse(name, kwargs={P: world.objects[key].pk}))
            missing, _ = _request(client, method, reverse(name, kwargs={P: MISSING_PK}))
            assert fingerprint() == before
            if other != missing:
                differ[f"{method} {name}"] = (other, missing)
    assert differ == {}
