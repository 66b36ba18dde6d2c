"""What each demo account reaches from the home page, checked as the journeys check.

Against a running site with the demo (`make run`, or `manage.py runserver` after `seed`
and `demo`), for each demo account: log in, follow every link of the site from `/`
breadth first up to DEPTH clicks (GET only; no logout, exports, files or admin
subpages), and on each page check the status (no 5xx), the width at 320 CSS px (no
horizontal scroll, WCAG 1.4.10) and axe-core's WCAG 2.1 A/AA rules. Prints the pages per
account and every problem; exits 1 when there is one.

    .venv/bin/python bench/reach.py http://127.0.0.1:8000

Needs Chromium (/usr/bin/chromium, or CHROMIUM=...) and playwright (dev dependencies).
"""

import base64
import collections
import hashlib
import hmac
import os
import re
import struct
import sys
import time
from urllib.parse import urljoin, urlparse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

ACCOUNTS = (
    "anon",
    "bewoner",
    "initiatiefgroep",
    "professional",
    "gebiedsregisseur",
    "stuurgroep",
    "beheerder",
)
PASSWORD = "smederijen-demo"  # noqa: S105 -- the demo's public password  # nosec B105
# The public two-factor key of the demo's staff accounts (README, decision 0028).
DEMO_TOTP_KEY = "KNWWKZDFOJU2K3RNMRSW23ZNORXXI4FB"
DEPTH, MOST_PAGES = 2, 80
SKIP = re.compile(
    r"^/(static|media|i18n|accounts/logout|beheer/.+)|\.(csv|pb|pdf|png|jpe?g)$|/bijlagen/"
    r"|/downloaden/"
)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def totp(key: str, at: float | None = None) -> str:
    """The 6-digit code of a base32 key now (RFC 6238, 30 s steps, SHA-1)."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def crawl(browser, base: str, account: str, axe) -> tuple[list[tuple[str, int]], list[str]]:
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="nl-NL")
    page = context.new_page()
    if account != "anon":
        page.goto(base + "/accounts/login/")
        page.fill("#id_username", f"{account}@example.org")
        page.fill("#id_password", PASSWORD)
        page.click("form:has(#id_username) button[type=submit]")
        if "tweestapsverificatie" in page.url:  # the staff accounts' second step
            page.fill("#id_code", totp(DEMO_TOTP_KEY))
            page.click("main form button[type=submit]")
    seen, visited, problems = set(), [], []
    queue = collections.deque([("/", 0)])
    host = urlparse(base).netloc
    while queue and len(visited) < MOST_PAGES:
        path, depth = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(base + path)
        status = response.status if response else 0
        visited.append((path, depth))
        if status >= 500:
            problems.append(f"{account} {path}: {status}")
        if status != 200:
            continue
        wide, window = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if wide > window:
            problems.append(f"{account} {path}: {wide}px wide at {window}px")
        result = axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]},
        )
        if result.violations_count:
            rules = ", ".join(v["id"] for v in result.response["violations"])
            problems.append(f"{account} {path}: axe {rules}")
        if depth >= DEPTH:
            continue
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
            url = urlparse(urljoin(base + path, href))
            target = url.path + (f"?{url.query}" if url.query else "")
            if url.netloc == host and not SKIP.search(url.path) and target not in seen:
                queue.append((target, depth + 1))
    context.close()
    return visited, problems


def main(base: str) -> int:
    axe = Axe()
    everything = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--headless=new", "--no-sandbox"],
        )
        for account in ACCOUNTS:
            visited, problems = crawl(browser, base, account, axe)
            by_depth = collections.Counter(depth for _path, depth in visited)
            print(
                f"{account:17} {len(visited):3} pages "
                f"({', '.join(f'{n} at {d} clicks' for d, n in sorted(by_depth.items()))}), "
                f"{len(problems)} problems",
                flush=True,
            )
            everything += problems
        browser.close()
    for problem in everything:
        print(problem)
    return 1 if everything else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
