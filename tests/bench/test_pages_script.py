"""bench/pages.py: its statistics, verdicts and arguments, the bench-only query header, and
one real short run (gunicorn on a free port against the test database, 2 requests)."""

import importlib.util
import socket
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse

from projecten.synthetic import Options, synthetic_generate
from smederijen.models import Smederij

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pages = _load("pages")
pages_queries = _load("pages_queries")


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 21)]  # 1 … 20
    assert pages.percentile(values, 95) == 19
    assert pages.percentile(values, 50) == 10
    assert pages.percentile([7.0], 95) == 7
    assert pages.percentile([3.0, 1.0, 2.0], 100) == 3
    with pytest.raises(ValueError):
        pages.percentile([], 50)


def test_samples_give_median_p95_and_the_range_of_queries():
    samples = pages.Samples(
        seconds=[0.010, 0.030, 0.020, 0.500], sizes=[2048] * 4, queries=["9", "9", "10", "9"]
    )
    assert samples.p50 == pytest.approx(0.025)
    assert samples.p95 == 0.5
    assert samples.queries_text() == "9–10"
    assert samples.size_text() == "2 KB"
    assert pages.Samples(queries=["12", "12"]).queries_text() == "12"


@pytest.mark.parametrize(
    ("kind", "growth", "ratio", "expected"),
    [
        (pages.PAGE, 1.2, 4.0, "PASS"),
        (pages.PAGE, 1.6, 4.0, "FAIL (growth > 1.5x)"),
        (pages.PAGE, 1.0, 6.0, "FAIL (> 5x login)"),
        (pages.ADMIN, 1.0, 9.0, "PASS"),
        (pages.ADMIN, 2.0, 11.0, "FAIL (growth > 1.5x, > 10x login)"),
        (pages.EXPORT, 1.4, 5.5, "FAIL (> 5x login)"),
        (pages.PAGE, None, 3.0, "n/a"),
    ],
)
def test_verdict_holds_each_page_to_the_targets_of_issue_12(kind, growth, ratio, expected):
    assert pages.verdict(kind, growth=growth, ratio=ratio) == expected


def test_arguments_take_one_database_or_a_small_and_a_large_one():
    args = pages.parse_args(["--small", "postgres:///a", "--large", "postgres:///b"])
    assert (args.port, args.large_port, args.requests, args.workers) == (8102, 8112, 20, 2)
    args = pages.parse_args(["--database-url", "postgres:///a", "--port", "9000"])
    assert args.large_port == 9010
    for wrong in (
        ["--small", "postgres:///a"],
        ["--large", "postgres:///b"],
        ["--database-url", "postgres:///a", "--small", "postgres:///b"],
        ["--database-url", "postgres:///a", "--requests", "0"],
        [],
    ):
        with pytest.raises(SystemExit):
            pages.parse_args(wrong)


def test_every_page_of_the_table_has_a_known_role_and_kind():
    assert len({page.name for page in pages.PAGES}) == len(pages.PAGES)
    for page in pages.PAGES:
        assert page.role is None or page.role in pages.ROLES, page.name
        assert page.kind in pages.BASELINE_LIMITS, page.name
    # A page whose target the database lacks is n/a, not an error.
    election = next(page for page in pages.PAGES if page.name == "election result")
    assert election.path({"round": None}) is None
    assert election.path({"round": 7}) == "/voorstellen/verkiezing/7/uitslag/"
    chosen = pages.pages_chosen(["overview, res", "Pabulib"])
    assert [page.name for page in chosen] == [
        "Pabulib export of one round",
        "my overview, resident",
    ]


def test_rounds_of_the_same_size_are_compared_and_a_year_without_election_is_na():
    small = {"round_sizes": [[900, 1], [2961, 2]]}
    large = {"round_sizes": [[1465, 3], [1400, 4], [300, 5]]}
    pages.rounds_match([small, large])
    # The large history's biggest round has 1,465 ballots: the small one's nearest is 900.
    assert (small["round"], small["round_ballots"]) == (1, 900)
    assert (large["round"], large["round_ballots"]) == (3, 1465)
    first_year = {"round_sizes": []}
    pages.rounds_match([first_year, large])
    assert first_year["round"] is None
    assert large["round"] == 3


def test_the_two_size_table_shows_growth_verdict_and_missing_pages():
    results = {
        ("small", pages.BASELINE.name): pages.Samples(seconds=[0.010] * 3, sizes=[5000] * 3),
        ("large", pages.BASELINE.name): pages.Samples(seconds=[0.010] * 3, sizes=[5000] * 3),
    }
    fast = pages.Page("fast", None, lambda t: "/")
    slow = pages.Page("slow", None, lambda t: "/")
    gone = pages.Page("gone", None, lambda t: None)
    for label, seconds in (("small", 0.02), ("large", 0.021)):
        results[label, "fast"] = pages.Samples(
            seconds=[seconds] * 3, sizes=[1] * 3, queries=["4"] * 3
        )
    results["small", "slow"] = pages.Samples(seconds=[0.02] * 3, sizes=[1] * 3, queries=["4"] * 3)
    results["large", "slow"] = pages.Samples(seconds=[0.2] * 3, sizes=[1] * 3, queries=["4"] * 3)
    results["small", "gone"] = pages.Samples()
    results["large", "gone"] = pages.Samples(status=404)
    lines = pages.table_two(results, "small", "large", [fast, slow, gone])
    row = {line.split(" | ")[0].lstrip("| "): line for line in lines[2:]}
    assert "| 1.1x |" in row["fast"] and row["fast"].endswith("| PASS |")
    assert "| 10.0x |" in row["slow"] and "FAIL (growth > 1.5x, > 5x login)" in row["slow"]
    assert "HTTP 404" in row["gone"] and row["gone"].endswith("| n/a |")


def test_the_query_header_counts_every_query_of_the_request(db, rf):
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = pages_queries.QueryCountMiddleware(view)(rf.get("/"))
    assert response[pages_queries.QUERY_COUNT_HEADER] == "2"
    assert pages.QUERY_COUNT_HEADER == pages_queries.QUERY_COUNT_HEADER


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_short_run_serves_each_role_with_gunicorn_and_reports_every_page():
    call_command("seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    synthetic_generate(
        Options(years=2, proposals=120, supports=400, comments=150, ballots=600, seed=1),
        log=lambda line: None,
    )
    assert Smederij.objects.exists()
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    lines = []
    args = pages.parse_args(
        [
            *("--database-url", url, "--port", str(_free_port())),
            *("--requests", "2", "--warmup", "0", "--workers", "1"),
            *("--page=home, visitor", "--page=proposal, typical", "--page=review queue"),
            *("--page=election result", "--page=admin proposal list"),
            *("--page=overview, stuurgroep", "--page=dashboard"),
        ]
    )
    connection.close()  # the server and the run's own child connect on their own
    results = pages.run(args, log=lines.append)
    measured = [
        "home, visitor",  # visitor
        "proposal, typical",  # resident
        "review queue",  # professional
        "admin proposal list",  # administrator: two-factor login through the bench device
        "my overview, stuurgroep",  # the bench stuurgroep account, two-factor too
    ]
    for name in measured:
        samples = results["db", name]
        assert len(samples.seconds) == 2, name
        assert all(q.isdigit() for q in samples.queries), (name, samples.queries)
        assert min(samples.sizes) > 500, name
    # Each request of a page came right after one of the baseline.
    assert len(results["db", pages.BASELINE.name].seconds) >= 2 * len(measured)
    assert results["db", pages.BASELINE.name].queries[0] == "0"
    table = "\n".join(lines)
    assert "| admin proposal list |" in table and "| x login |" in table
    # The dashboard (issue 13) is measured like any page, as the stuurgroep.
    dashboard = results["db", "dashboard"]
    assert dashboard.status is None and len(dashboard.seconds) == 2
    assert all(q.isdigit() for q in dashboard.queries)
