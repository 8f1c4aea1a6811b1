"""A client built with a setting its constructor only forwards from a parameter whose
default turns it off (`def __init__(self, timeout=None): self.api = Api(timeout=timeout)`)
is bounded only when a caller passes one; and a call on a field aliased from another
field's member (`self.es = self.client.es`) uses the client that other field was built
with, in the same class (`self.client = EsWrapper(max_retries=0)`)."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_NOTIFIER = (
    "import requests\n\n\n"
    "class Api:\n"
    "    def __init__(self, token, timeout=None):\n"
    "        self.kwargs = {'timeout': timeout}\n\n"
    "    def post(self, url, **kw):\n"
    "        return requests.post(url, **kw)\n\n\n"
    "class Notifier:\n"
    "    def __init__(self, token, timeout=DEFAULT):\n"
    "        self._api = Api(\n"
    "            token=token,\n"
    "            timeout=timeout\n"
    "        )\n\n"
    "    def send(self, text):\n"
    "        return self._api.post('https://chat.example.com/send', json={'text': text})\n"  # 20
)


def _verdict(root: object, ident: str, path: str, line: int, pattern: str) -> tuple[str, str]:
    result = analyze(root, [scanned(ident, [(path, line)], "call")], use_cache=False)
    verdict = result[ident].verdicts[pattern]
    return verdict.verdict, " ".join(verdict.reasons)


def test_a_timeout_forwarded_from_a_none_default_parameter_bounds_nothing(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/notify.py": _NOTIFIER.replace("DEFAULT", "None")})
    assert _verdict(root, "chat", "app/notify.py", 20, "timeout")[0] == "no"


def test_a_timeout_forwarded_from_a_bounded_default_parameter_still_bounds(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/notify.py": _NOTIFIER.replace("DEFAULT", "10")})
    assert _verdict(root, "chat", "app/notify.py", 20, "timeout")[0] == "yes"


def test_a_caller_passing_the_timeout_bounds_the_client(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/notify.py": _NOTIFIER.replace("DEFAULT", "None").replace(
                "        self._api = Api(\n", "        self._api = Api(\n"
            )
            + "\n\ndef build():\n    return Notifier('t', timeout=5)\n"
        }
    )
    assert _verdict(root, "chat", "app/notify.py", 20, "timeout")[0] == "yes"


_SEARCH = (
    "from elasticsearch import Elasticsearch\n\n\n"
    "class EsClient:\n"
    "    def __init__(self, *args, **kwargs):\n"
    "        self.es = Elasticsearch(*args, **kwargs)\n\n\n"
    "class Store:\n"
    "    def __init__(self, hosts):\n"
    "        self.client = EsClient(hosts=hosts, RETRIES)\n"
    "        self.es = self.client.es\n\n"
    "    def save(self, doc):\n"
    "        return self.es.index(index='logs', document=doc)\n"  # line 15
)


def test_a_field_aliased_from_another_fields_client_keeps_its_switched_off_retry(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/store.py": _SEARCH.replace("RETRIES", "max_retries=0")})
    verdict, reasons = _verdict(root, "elasticsearch", "app/store.py", 15, "retry")
    assert verdict == "no", reasons
    assert "app/store.py:11" in reasons


def test_the_aliased_clients_library_default_still_holds_when_nothing_is_switched_off(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/store.py": _SEARCH.replace("RETRIES", "timeout=5")})
    assert _verdict(root, "elasticsearch", "app/store.py", 15, "retry")[0] == "yes"


def test_a_literal_zero_retry_count_turns_the_librarys_default_off(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/search.py": (
                "from elasticsearch import Elasticsearch\n\n"
                "es = Elasticsearch(['http://es:9200'], max_retries=0)\n\n\n"
                "def save(doc):\n"
                "    return es.index(index='logs', document=doc)\n"  # line 7
            )
        }
    )
    verdict, reasons = _verdict(root, "elasticsearch", "app/search.py", 7, "retry")
    assert verdict == "no", reasons
    assert "turned off at app/search.py:3" in reasons


def test_a_chain_through_the_aliased_field_keeps_its_switched_off_retry(
    make_tree: TreeBuilder,
) -> None:
    text = _SEARCH.replace("RETRIES", "max_retries=0").replace(
        "self.es.index(index='logs', document=doc)", "self.es.indices.create(index='logs')"
    )
    root = make_tree({"app/store.py": text})
    verdict, reasons = _verdict(root, "elasticsearch", "app/store.py", 15, "retry")
    assert verdict == "no", reasons
