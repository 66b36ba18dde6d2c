"""Every environment variable the settings or gunicorn read is in the README's table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READ = re.compile(r"""(?:env(?:_bool|_list)?\(|environ\.get\()\s*["']([A-Z][A-Z0-9_]*)["']""")


def variables_read() -> set[str]:
    names = set()
    for path in (ROOT / "config" / "settings.py", ROOT / "config" / "gunicorn.conf.py"):
        names |= set(READ.findall(path.read_text()))
    return names


def readme_table() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_every_environment_variable_is_in_the_readme_table():
    assert "SITE_URL" in variables_read()  # the pattern finds what it must
    table = readme_table()
    missing = sorted(name for name in variables_read() if f"`{name}`" not in table)
    assert missing == [], f"not in the README's configuration table: {missing}"
