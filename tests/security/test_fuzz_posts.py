"""Fuzz every POST endpoint with hostile input (issue 14, item 3), with Hypothesis.

For each URL of the access matrix, the role that may act there (the first role whose
POST is not refused) posts what Hypothesis draws into the fields of the page's own form
(read from its GET; the hidden keys are kept or broken at random): text of any alphabet
and length (NUL, right-to-left, emoji, 10,000 characters), numbers far outside any
range, malformed dates and postcodes, a field sent twice, files that lie about their
type and files too large. Never a 500; a request the site refuses (400, or the form
shown again with its errors) saves nothing; a form shown again carries the Dutch error
summary. Fixed seed (derandomize), FUZZ_EXAMPLES examples an endpoint.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.projecten import uploads
from tests.security.test_access_matrix import MATRIX
from tests.security.walk import fingerprint, parse_row
from tests.security.world import ROLES, kwargs_for, module_world

world = module_world()

FUZZ_EXAMPLES = 15
ACTING = {"200", "302", "400"}

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eabc\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "👩‍👩‍👧‍👦🔥" * 20,
    "x" * 10_000,
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "'; DROP TABLE smederijen_user; --",
    "\r\n\t",
    "\udcff",  # a lone surrogate: not encodable as UTF-8 by the client
]
NUMBERS = [
    "-1",
    "0",
    "3000000000",
    str(2**63),
    "-" + str(2**63),
    "1e308",
    "NaN",
    "Infinity",
    "1.250,00",
    "9999999999,99",
    "0,001",
    "١٢٣",  # Arabic-Indic digits
]
DATES = ["2024-13-45", "31-02-2024", "0000-00-00", "9999-12-31T25:61", "gisteren", "2024-02-30"]
POSTCODES = ["9999 ZZ", "0000AA", "abcd", "7901", "7901 AA 12", "７９０１ＡＡ"]

text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40))
value = st.one_of(
    text,
    st.sampled_from(NUMBERS),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(DATES),
    st.sampled_from(POSTCODES),
)
HOSTILE_FILES = [
    uploads.exe_named_pdf,
    uploads.text_named_jpg,
    uploads.damaged_pdf,
    uploads.too_large_pdf,
    uploads.pdf,
]

FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>', re.S)
HIDDEN = re.compile(r'<input\b[^>]*type="hidden"[^>]*>', re.S)
FILE = re.compile(
    r'<input\b[^>]*type="file"[^>]*name="([^"]+)"|<input\b[^>]*name="([^"]+)"[^>]*type="file"', re.S
)
ATTR = re.compile(r'(\w+)="([^"]*)"')

REQUESTS = {"count": 0, "endpoints": 0, "with_form": 0, "statuses": {}, "shown_again": 0}


def acting_role(name):
    codes = parse_row(MATRIX[name][2])
    return next((role for role in ROLES if codes[role] in ACTING), None)


def fuzz_cases():
    for name in MATRIX:
        role = acting_role(name)
        if role is not None and not name.startswith("admin:"):
            yield pytest.param(name, role, id=f"{name}-{role}")


def form_of(client, url):
    """The names of the page's fields, its hidden values, its file inputs (from its GET)."""
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return [], {}, []
    html = response.content.decode()
    names = sorted(set(FIELD.findall(html)) - {"csrfmiddlewaretoken"})
    hidden = {}
    for tag in HIDDEN.findall(html):
        attrs = dict(ATTR.findall(tag))
        if "name" in attrs and attrs["name"] != "csrfmiddlewaretoken":
            hidden[attrs["name"]] = attrs.get("value", "")
    files = sorted({a or b for a, b in FILE.findall(html)})
    return names, hidden, files


def dutch_error_summary() -> str:
    with translation.override("nl"):
        return translation.gettext("Something went wrong")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), list(fuzz_cases()))
def test_hostile_posts(world, name, role):
    url = reverse(name, kwargs=kwargs_for(world, name, MATRIX[name][0]))
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    names, hidden, files = form_of(client, url)
    field_names = names or ["title", "amount", "reason", "decision", "action", "postcode"]
    summary = dutch_error_summary()
    REQUESTS["endpoints"] += 1
    REQUESTS["with_form"] += bool(names)

    @settings(
        max_examples=FUZZ_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        values=st.fixed_dictionaries(dict.fromkeys(field_names, value)),
        keep_hidden=st.booleans(),
        twice=st.sampled_from(field_names),
        upload=st.sampled_from(HOSTILE_FILES) if files else st.none(),
    )
    def one_request(values, keep_hidden, twice, upload):
        data = dict(values)
        if keep_hidden:
            data.update(hidden)
        # A field sent twice: the form must take one value or refuse, never fail.
        data[twice] = [data[twice], "tweede"]
        for file_field in files:
            data[file_field] = upload()
        before = fingerprint()
        REQUESTS["count"] += 1
        try:
            response = client.post(url, data)
        except UnicodeEncodeError:
            return  # the test client cannot send a lone surrogate; a browser cannot either
        assert response.status_code < 500, f"{name} as {role}: {response.status_code}"
        body = (
            response.content.decode(errors="replace") if response.status_code in (200, 400) else ""
        )
        shown_again = "data-error-summary" in body
        statuses = REQUESTS["statuses"]
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        REQUESTS["shown_again"] += shown_again
        if response.status_code == 400 or shown_again:
            assert fingerprint() == before, f"{name} as {role}: a refused request saved data"
        if shown_again:
            assert summary in body, f"{name}: the error summary is not in Dutch"

    one_request()


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    print(
        f"\nFuzz: {REQUESTS['count']} hostile POSTs over {REQUESTS['endpoints']} endpoints "
        f"({REQUESTS['with_form']} with a form read from their page); answers "
        f"{dict(sorted(REQUESTS['statuses'].items()))}; "
        f"form shown again with the Dutch summary: {REQUESTS['shown_again']}"
    )
