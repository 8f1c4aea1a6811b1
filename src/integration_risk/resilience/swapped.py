"""Elixir's swappable implementations. A behaviour module calls its implementation through
a module attribute or a function that reads the application environment, with the
production module as the default (tests put a mock in the environment):

    @module Application.compile_env(:app, :kafka_module, App.Sinks.Kafka.Client)
    def publish(msg), do: @module.publish(msg)

    defp impl, do: Application.get_env(:app, :redis_module, App.Sinks.Redis.Client)
    def send(msg), do: impl().send(msg)

Such a call runs the default module's function, found at the file its name maps to by
Elixir's convention (`App.Sinks.RabbitMq.Client` -> `.../app/sinks/rabbit_mq/client.ex`).
A bare call of a function the same file defines (`do_publish(..)`) is one of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_ENV = (
    r"Application\.(?:compile_env|get_env|fetch_env)!?\(\s*:\w+\s*,\s*:\w+\s*,\s*([A-Z][\w.]*)\s*\)"
)
_DEFINES = re.compile(r"^\s*defp?\s+([a-z_]\w*[!?]?)", re.MULTILINE)


@lru_cache(maxsize=256)
def _attribute(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*@{re.escape(name)}\s+(?:{_ENV}|([A-Z][\w.]*)\s*$)", re.MULTILINE)


@lru_cache(maxsize=256)
def _reader(name: str) -> re.Pattern[str]:
    return re.compile(rf"\bdefp?\s+{re.escape(name)}\b[^\n]*?(?:do:|\bdo\b)\s*{_ENV}")


def module_file(module: str) -> str:
    """`App.Sinks.RabbitMq.Client` -> `sinks/rabbit_mq/client.ex` (the app's own folder
    and `lib/` before it vary)."""
    parts = [re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", part).lower() for part in module.split(".")]
    return "/".join(parts[1:] if len(parts) > 1 else parts) + ".ex"


def swapped_target(text: str, callee: str) -> tuple[str, str] | None:
    """(function, file suffix) an implementation call runs (`@module.publish`,
    `impl().send`), or None."""
    match = re.fullmatch(r"@(\w+)\.(\w+[!?]?)|(\w+)\(\)\.(\w+[!?]?)", callee)
    if match is None:
        return None
    if match.group(1):
        found = _attribute(match.group(1)).search(text)
        module = (found.group(1) or found.group(2)) if found else None
        function = match.group(2)
    else:
        found = _reader(match.group(3)).search(text)
        module = found.group(1) if found else None
        function = match.group(4)
    return (function, module_file(module)) if module else None


def own_functions(text: str) -> frozenset[str]:
    """Names the Elixir file defines (`def`/`defp`): a bare call of one is a local call."""
    return frozenset(_DEFINES.findall(text))


def elixir_targets(
    text: str, callees: list[str], targets: Callable[[str], list[tuple[str, str]]]
) -> list[tuple[str, str]]:
    """(name, owner) to look up for an Elixir function's callees: an implementation call
    names its default module's file; a bare call of the file's own function is `self`."""
    own = own_functions(text)
    found: list[tuple[str, str]] = []
    for callee in callees:
        swapped = swapped_target(text, callee)
        if swapped is not None:
            found.append(swapped)
        elif callee in own:
            found.append((callee, "self"))
        else:
            found.extend(targets(callee))
    return found
