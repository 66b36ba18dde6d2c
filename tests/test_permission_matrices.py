"""Every named permission has its role × status matrix: a new one without a matrix fails here."""

from pathlib import Path

import rules

MATRICES = [
    *Path(__file__).parent.joinpath("projecten", "rules").glob("test_*.py"),
    *Path(__file__).parent.joinpath("smederijen", "rules").glob("test_*.py"),
]


def test_every_permission_of_the_project_is_in_a_role_matrix():
    text = "\n".join(path.read_text() for path in MATRICES)
    names = {
        name
        for name in rules.permissions.permissions
        if name.startswith(("projecten.", "smederijen."))
    }
    assert names, "the rules of the apps were not loaded"
    assert sorted(name for name in names if f'"{name}"' not in text) == []
