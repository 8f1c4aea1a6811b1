"""Model routes of multi-provider AI routers: LiteLLM sends a call to the provider a prefix
of its model string names (`"gemini/gemini-1.5-pro"`, `f"ollama/{name}"`,
`model.startswith("anthropic/")`), so in a file that uses LiteLLM such a prefix names an AI
provider the app can call."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.catalog.index import CatalogIndex

# LiteLLM imported or required (Python, JS/TS).
_ROUTER = re.compile(
    r"""^\s*(?:import\s+litellm\b|from\s+litellm\b|import\s[^\n]*\bfrom\s+['"]litellm['"]"""
    r"""|[^\n]*\brequire\(\s*['"]litellm['"]\s*\))""",
    re.M,
)
# A quoted model string (or its prefix alone) that starts with `provider/`.
_ROUTE = re.compile(r"""(?:(?<=[^\w])|^)f?['"`](?P<route>[a-z][a-z0-9_]{1,30})/[^'"`\s]*['"`]""")


def _ai_provider(route: str, index: CatalogIndex) -> str | None:
    """The AI provider a LiteLLM route prefix names: `gemini` -> google-gemini,
    `together_ai` -> together-ai, `ollama_chat` -> ollama."""
    for name in (route, route.replace("_", "-"), route.split("_", 1)[0]):
        provider = (index.names.get(name) and name) or index.words.get(name)
        if provider and index.categories.get(provider) == "ai":
            return provider
    return None


def model_routes(
    text: str, index: CatalogIndex, whole: str | None = None
) -> Iterator[tuple[str, int]]:
    """(provider, offset) of every model route prefix in a file that uses LiteLLM. `whole`:
    the full file when `text` holds its candidate lines only."""
    source = text if whole is None else whole
    if "litellm" not in source or _ROUTER.search(source) is None:
        return
    for match in _ROUTE.finditer(text):
        provider = _ai_provider(match.group("route"), index)
        if provider:
            yield provider, match.start("route")
