"""Model routes of multi-provider AI routers: LiteLLM sends a call to the provider a prefix
of its model string names (`"gemini/gemini-1.5-pro"`, `f"ollama/{name}"`,
`model.startswith("anthropic/")`), so in a file that uses LiteLLM such a prefix names an AI
provider the app can call. Only LiteLLM's own provider prefixes count, and only where the
string is a route: an argument of a LiteLLM call, a model setting, a prefix alone or a
prefix test. A Hugging Face model id (`openai/whisper-small`) handed to another library is
not one."""

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
_ROUTE = re.compile(
    r"""(?:(?<=[^\w])|^)f?['"`](?P<route>[a-z][a-z0-9_-]{1,30})/(?P<rest>[^'"`\s]*)['"`]"""
)

# LiteLLM's provider prefixes (its documented provider list) -> catalog id. Generic
# endpoints (`openai_like`, `hosted_vllm`, `custom_openai`, `litellm_proxy`) name no
# provider, and neither does a prefix whose service the catalog lacks.
_PREFIXES = {
    "openai": "openai",
    "text-completion-openai": "openai",
    "azure": "azure-openai",
    "azure_text": "azure-openai",
    "anthropic": "anthropic",
    "bedrock": "aws-bedrock",
    "sagemaker": "aws-sagemaker",
    "sagemaker_chat": "aws-sagemaker",
    "vertex_ai": "vertex-ai",
    "vertex_ai_beta": "vertex-ai",
    "gemini": "google-gemini",
    "huggingface": "huggingface",
    "ollama": "ollama",
    "ollama_chat": "ollama",
    "mistral": "mistral",
    "codestral": "mistral",
    "text-completion-codestral": "mistral",
    "cohere": "cohere",
    "cohere_chat": "cohere",
    "together_ai": "together-ai",
    "replicate": "replicate",
    "groq": "groq",
    "deepseek": "deepseek",
    "openrouter": "openrouter",
    "fireworks_ai": "fireworks-ai",
    "perplexity": "perplexity",
    "deepinfra": "deepinfra",
    "ai21": "ai21",
    "ai21_chat": "ai21",
    "aleph_alpha": "aleph-alpha",
    "cerebras": "cerebras",
    "xai": "xai",
    "voyage": "voyage-ai",
    "jina_ai": "jina-ai",
    "nvidia_nim": "nvidia-nim",
    "clarifai": "clarifai",
    "watsonx": "ibm-watson",
    "watsonx_text": "ibm-watson",
    "dashscope": "dashscope",
    "moonshot": "moonshot",
    "fal_ai": "fal-ai",
    "deepgram": "deepgram",
    "assemblyai": "assemblyai",
    "elevenlabs": "elevenlabs",
}
# LiteLLM's entry points: a model string among their arguments is a route.
_CALLS = frozenset(
    {
        "completion",
        "acompletion",
        "text_completion",
        "atext_completion",
        "batch_completion",
        "embedding",
        "aembedding",
        "image_generation",
        "aimage_generation",
        "transcription",
        "atranscription",
        "speech",
        "aspeech",
        "responses",
        "aresponses",
        "rerank",
        "arerank",
        "Router",
        "startswith",  # `model.startswith("anthropic/")`: the app branches on the route
    }
)
# A name for a model setting (`LLM_MODEL = ..`, `"model": ..`, `default_model: str = ..`,
# `fallbacks=[..]`), or a getter whose key is one (`os.environ.get("LLM_MODEL", "..")`).
_MODEL_WORD = re.compile(r"(?i)model|fallbacks")
_GETTERS = frozenset({"get", "getenv", "env", "setdefault", "config"})
# How far back the enclosing call or statement is looked for.
_REACH = 2000


def _enclosing_call(text: str, at: int) -> tuple[str, int] | None:
    """(dotted callee name, offset of its `(`) of the innermost call open at `at`, or None
    when the string sits in no call (an assignment, a dict or list literal)."""
    depth = 0
    for i in range(at - 1, max(at - _REACH, 0) - 1, -1):
        char = text[i]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth:
                depth -= 1
            elif char == "(":
                callee = re.search(r"[\w.]*$", text[max(i - 100, 0) : i])
                return (callee.group(0) if callee else ""), i
    return None


def _is_route(text: str, at: int, rest: str) -> bool:
    """Whether the model string at `at` is one LiteLLM routes: a prefix alone (`'gemini/'`,
    `f"ollama/{name}"`), an argument of a LiteLLM call or a prefix test, a model setting's
    value, or a getter's default for a model key."""
    if not rest or rest.startswith(("{", "$")):
        return True
    call = _enclosing_call(text, at)
    if call is None:
        return _MODEL_WORD.search(text, text.rfind("\n", 0, at) + 1, at) is not None
    callee, opened = call
    name = callee.rsplit(".", 1)[-1]
    if callee.startswith("litellm.") or name in _CALLS:
        return True
    if name in _GETTERS:
        return _MODEL_WORD.search(text, opened, at) is not None
    # a keyword argument of another library's call (`pipeline(.., model="openai/whisper")`)
    return False


def model_routes(
    text: str, index: CatalogIndex, whole: str | None = None
) -> Iterator[tuple[str, int]]:
    """(provider, offset) of every model route prefix in a file that uses LiteLLM. `whole`:
    the full file when `text` holds its candidate lines only."""
    source = text if whole is None else whole
    if "litellm" not in source or _ROUTER.search(source) is None:
        return
    for match in _ROUTE.finditer(text):
        provider = _PREFIXES.get(match.group("route"))
        at = match.start()
        if provider and provider in index.categories and _is_route(text, at, match.group("rest")):
            yield provider, match.start("route")
