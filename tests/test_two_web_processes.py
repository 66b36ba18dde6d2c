"""Two web processes on one database and one Redis cache behave as one site (issue 15, item 6).

Two gunicorn servers (ports 8107 and 8117) serve the test database. A login on one is a
login on the other (sessions in the database); a limit counts requests on both (the cache
is Redis: CACHE_URL, required with more than one web process); and two approvals on the
two servers that would both draw the last money of one share cannot both succeed (the
budget's row lock is in PostgreSQL, not in a process).
"""

import datetime
import os
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from budget.models import Grant
from projecten.models import ProposalStatus
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PORTS = (8107, 8117)
CACHE_URL = "redis://127.0.0.1:6379/9"


def _answers(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def _servers(django_db_setup):
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CONN_MAX_AGE": "0",
        "CACHE_URL": CACHE_URL,
        "CELERY_BROKER_URL": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "OTP_REQUIRED": "0",
        "WEB_WORKERS": "1",
        "WEB_ACCESS_LOG": "0",
        "LOG_LEVEL": "WARNING",
    }
    servers = [
        subprocess.Popen(  # noqa: S603
            [GUNICORN, "-c", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "WEB_BIND": f"127.0.0.1:{port}"},
        )
        for port in PORTS
    ]
    try:
        deadline = time.monotonic() + 60
        while not all(_answers(port) for port in PORTS):
            assert time.monotonic() < deadline, "the two servers did not start"
            assert all(server.poll() is None for server in servers), "a server stopped"
            time.sleep(0.3)
        yield [f"http://127.0.0.1:{port}" for port in PORTS]
    finally:  # before the test database is dropped: CONN_MAX_AGE=0 holds no connection
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        redis.Redis.from_url(CACHE_URL).flushdb()


@pytest.fixture
def two_servers(_servers, transactional_db):
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()
    return _servers


def test_a_login_on_one_web_process_is_a_login_on_the_other(two_servers):
    a, b = two_servers
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    # Hashed as production hashes (the test settings' fast hasher is not the servers').
    password = PBKDF2PasswordHasher().encode("Een-lang-wachtwoord-42", "zoutzoutzout")
    user = factories.ResidentFactory(email="bert@example.org")
    user.__class__.objects.filter(pk=user.pk).update(password=password)
    browser = requests.Session()
    browser.get(a + reverse("login"))
    response = browser.post(
        a + reverse("login"),
        data={
            "username": "bert@example.org",
            "password": "Een-lang-wachtwoord-42",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": a + reverse("login")},
        allow_redirects=False,
    )
    assert response.status_code == 302
    account = reverse("smederijen:account")
    assert browser.get(b + account, allow_redirects=False, timeout=30).status_code == 200
    anonymous = requests.get(b + account, allow_redirects=False, timeout=30)
    assert anonymous.status_code == 302  # nobody else


def test_a_limit_counts_the_requests_on_both_web_processes(two_servers):
    # PASSWORD_RESETS_PER_ADDRESS: 20 an hour from one connection, wherever they land.
    answers = []
    for n in range(21):
        base = two_servers[n % 2]
        browser = requests.Session()
        browser.get(base + reverse("password_reset"))
        response = browser.post(
            base + reverse("password_reset"),
            data={
                "email": f"iemand{n}@example.org",
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            },
            allow_redirects=False,
        )
        answers.append(response.status_code)
    assert answers[:20] == [302] * 20
    assert answers[20] == 200  # refused, in Dutch, by the process that had counted 10


def test_two_approvals_on_two_web_processes_cannot_both_spend_the_last_money(two_servers):
    now = timezone.now()
    year = timezone.localdate().year
    share = factories.SmederijShareFactory(
        budget_year=factories.BudgetYearFactory(year=year), amount=Decimal("150.00")
    )
    regisseur = factories.UserFactory()
    factories.GebiedsregisseurAssignmentFactory(user=regisseur, wijkteam=share.smederij.wijkteam)
    proposals = []
    for n in range(2):
        proposal = factories.ProposalFactory(
            smederij=share.smederij,
            year=year,
            status=ProposalStatus.DECIDING,
            title=f"Laatste geld {n}",
            amount_requested=Decimal("100.00"),
            submitted_at=now - datetime.timedelta(days=5),
        )
        factories.AssessmentVoteFactory(
            proposal=proposal,
            opened_by=regisseur,
            opened_at=now - datetime.timedelta(days=4),
            closes_at=now - datetime.timedelta(days=1),
            closed_at=now - datetime.timedelta(days=1),
            outcome="adopted",
        )
        proposals.append(proposal)
    login = Client()
    login.force_login(regisseur)
    cookie = f"sessionid={login.cookies['sessionid'].value}; csrftoken={'x' * 32}"
    start = threading.Barrier(2)
    answers = {}

    def approve(base, proposal):
        start.wait()
        answers[proposal.pk] = requests.post(
            base + reverse("projecten:decision", args=[proposal.pk]),
            data={
                "csrfmiddlewaretoken": "x" * 32,
                "action": "approve",
                "approve-amount": "100,00",
            },
            headers={"Cookie": cookie},
            allow_redirects=False,
            timeout=30,
        ).status_code

    threads = [
        threading.Thread(target=approve, args=(base, proposal))
        for base, proposal in zip(two_servers, proposals, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers.values()) == [302, 400]  # one approved, one refused in the form
    statuses = sorted(p.__class__.objects.get(pk=p.pk).status for p in proposals)
    assert statuses == [ProposalStatus.APPROVED, ProposalStatus.DECIDING]
    assert [g.amount for g in Grant.objects.filter(smederij=share.smederij)] == [Decimal("100.00")]
