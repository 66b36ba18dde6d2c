"""Time the pages of issue 12 on a 20-year database: queries, SQL ms and wall ms per page.

Run from a worktree: DATABASE_URL=... DEBUG=1 OTP_REQUIRED=0 python measure.py [runs] [only]
"""

import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django

django.setup()
from django.conf import settings  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from smederijen.models import Smederij, User  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ONLY = sys.argv[2] if len(sys.argv) > 2 else ""

regisseur = User.objects.get(email="gebiedsregisseur1@synthetic.example.org")  # wijkteams 2, 4
professional = User.objects.filter(wijkteam_memberships__wijkteam_id=4).first()
admin_user = User.objects.get(email="gebiedsregisseur0@synthetic.example.org")
resident = User.objects.filter(initiatiefgroep_memberships__smederij_id=17).first()
slug = Smederij.objects.get(pk=17).slug

PAGES = [
    ("baseline: login page", None, "/accounts/login/"),
    ("proposal page (1,000 comments, 3,068 supports)", regisseur, "/voorstellen/84377/"),
    ("proposal page, last page of comments", regisseur, "/voorstellen/84377/?reacties=20"),
    ("Smederij's proposals, page 1", regisseur, f"/voorstellen/smederij/{slug}/"),
    ("review queue", professional, "/voorstellen/beoordelen/"),
    ("review queue, all statuses", professional, "/voorstellen/beoordelen/?status=all"),
    ("vote list (gebiedsregisseur)", regisseur, "/voorstellen/stemmen/"),
    ("admin proposals", admin_user, "/beheer/projecten/proposal/"),
    ("admin proposal search", admin_user, "/beheer/projecten/proposal/?q=speeltuin"),
    ("admin advice", admin_user, "/beheer/projecten/advice/"),
    ("admin decisions", admin_user, "/beheer/projecten/decision/"),
    ("admin votes", admin_user, "/beheer/projecten/assessmentvote/"),
    ("admin grants", admin_user, "/beheer/budget/grant/"),
    ("admin payments", admin_user, "/beheer/budget/payment/"),
    (
        "ballots CSV (round of 1,465 ballots)",
        regisseur,
        "/voorstellen/verkiezing/3/stembiljetten.csv",
    ),
    ("Pabulib export (same round)", regisseur, "/voorstellen/verkiezing/3/verkiezing.pb"),
    ("Smederij page", None, f"/smederijen/{slug}/"),
    ("money page", regisseur, "/voorstellen/10217/geld/"),
    (
        "verantwoordingen of a Smederij",
        regisseur,
        f"/voorstellen/smederij/{slug}/verantwoordingen/",
    ),
    ("shared goods of a Smederij", resident, f"/voorstellen/smederij/{slug}/gedeelde-spullen/"),
    ("election rounds of a Smederij", regisseur, f"/voorstellen/verkiezing/smederij/{slug}/"),
    ("election result", regisseur, "/voorstellen/verkiezing/3/uitslag/"),
    ("my overview (gebiedsregisseur)", regisseur, "/smederijen/mijn-overzicht/"),
    ("my proposals (resident)", resident, "/voorstellen/mijn/"),
]

results = []
for name, user, url in PAGES:
    if ONLY and ONLY not in name:
        continue
    client = Client()
    if user is not None:
        client.force_login(user)
    walls, sqls, count, slowest, size, status = [], [], 0, None, 0, None
    for run in range(RUNS + 1):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            wall = (time.perf_counter() - start) * 1000
        if run == 0:
            continue  # warm-up
        walls.append(wall)
        sqls.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        count, size, status = len(captured), len(content), response.status_code
        slowest = max(
            captured.captured_queries,
            key=lambda q: float(q["time"]),
            default={"time": 0, "sql": ""},
        )
    row = {
        "page": name,
        "url": url,
        "status": status,
        "queries": count,
        "wall_ms": round(statistics.median(walls), 1),
        "sql_ms": round(statistics.median(sqls), 1),
        "bytes": size,
        "slowest_ms": round(float(slowest["time"]) * 1000, 1),
        "slowest": slowest["sql"][:3000],
    }
    if os.environ.get("SHOW_QUERIES"):
        for q in captured.captured_queries:
            print("   ", q["time"], q["sql"][:300])
    results.append(row)
    print(
        f"{name:50} {status} q={count:3} wall={row['wall_ms']:8.1f} sql={row['sql_ms']:8.1f} "
        f"slowest={row['slowest_ms']:7.1f} bytes={size}",
        flush=True,
    )
out = os.environ.get("MEASURE_OUT")
if out:
    with open(out, "w") as file:
        json.dump(results, file, indent=1)
