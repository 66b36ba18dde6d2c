"""Who holds a resident's data: each app registers how it exports and erases its own part.

smederijen owns the account and may not import projecten (wijken ← smederijen ← budget ←
projecten), yet a resident's proposals, comments and votes are projecten's. So an app
that stores personal data registers a hook here from its AppConfig.ready(); the
services in smederijen.privacy call every hook, in the order registered. A new app with
personal data adds a hook, and tests/privacy checks that the export names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smederijen.models import User


@dataclass(frozen=True)
class PrivacyHook:
    # The key of this part in the exported JSON.
    name: str
    # What the resident gets: JSON-ready data about `user` only.
    export: Callable[[User], dict[str, Any]]
    # Removes or anonymises the personal data; runs in the erasure's transaction,
    # before the account itself is anonymised. Returns the files to delete after commit.
    erase: Callable[[User], list[str]]


_hooks: dict[str, PrivacyHook] = {}


def register(hook: PrivacyHook) -> None:
    _hooks[hook.name] = hook


def hooks() -> list[PrivacyHook]:
    return list(_hooks.values())
