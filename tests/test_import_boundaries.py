"""The apps import each other in one direction only: projecten uses the budget, never back.

If budget imported projecten, the two apps would import each other (projecten's
models already use budget's money fields), and the budget could no longer be
read, tested or changed on its own. A string reference such as
"projecten.Proposal" in a ForeignKey is not an import and is allowed.
"""

import ast
from pathlib import Path

import budget

BUDGET = Path(budget.__file__).resolve().parent


def _imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif (
            # importlib.import_module("projecten…") and __import__("projecten…") count too.
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def test_budget_does_not_import_projecten():
    offending = []
    files = sorted(BUDGET.rglob("*.py"))
    assert files, f"no Python files found under {BUDGET}"
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for lineno, module in _imported_modules(tree):
            if module == "projecten" or module.startswith("projecten."):
                offending.append(f"{path.relative_to(BUDGET.parent)}:{lineno} imports {module}")
    assert not offending, "budget must not import projecten:\n" + "\n".join(offending)
