"""The apps depend on each other in one direction only: wijken ← smederijen ← budget ← projecten.

Walks every module's imports (ast, without importing anything), so that a cycle
between apps shows here, not as an ImportError at start-up or a tangle later.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("wijken", "smederijen", "budget", "projecten")


def imported_apps(app: str) -> dict[str, set[str]]:
    """For each module of `app`, the other apps it imports (migrations excluded)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in APPS and top != app:
                    found.setdefault(str(path.relative_to(ROOT)), set()).add(top)
    return found


def test_smederijen_does_not_import_projecten():
    offenders = {m: a for m, a in imported_apps("smederijen").items() if "projecten" in a}
    assert offenders == {}


def test_budget_does_not_import_projecten():
    offenders = {m: a for m, a in imported_apps("budget").items() if "projecten" in a}
    assert offenders == {}


def test_wijken_imports_no_other_app_of_the_project():
    assert imported_apps("wijken") == {}


def test_the_apps_form_no_cycle():
    """Depth-first over the app graph: any way back to an app already on the path is a cycle."""
    graph = {app: set().union(*imported_apps(app).values()) for app in APPS}

    def cycle_from(app, path):
        for other in sorted(graph[app]):
            if other in path:
                return [*path[path.index(other) :], other]
            found = cycle_from(other, [*path, other])
            if found:
                return found
        return None

    cycles = [c for app in APPS if (c := cycle_from(app, [app]))]
    assert cycles == []
