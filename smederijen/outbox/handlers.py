"""The work an outbox row can name: a stable name for a plain function of JSON arguments.

The name is stored in the row, so it outlives a rename of the function: rename the function,
keep the name. Modules register their handlers with `@outbox_handler(...)` in their `tasks.py`;
Django's `autodiscover_modules("tasks")` imports those when a name is not known yet.
"""

from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

_HANDLERS: dict[str, Callable[..., object]] = {}


def outbox_handler(name: str):
    """Register `function` as the handler of outbox rows named `name`."""

    def register(function):
        known = _HANDLERS.get(name)
        if known is not None and known is not function:
            raise ValueError(f"outbox handler {name!r} is registered twice")
        _HANDLERS[name] = function
        return function

    return register


def handler_get(name: str) -> Callable[..., object]:
    if name not in _HANDLERS:
        autodiscover_modules("tasks")
    try:
        return _HANDLERS[name]
    except KeyError:
        raise LookupError(f"no outbox handler is registered as {name!r}") from None
