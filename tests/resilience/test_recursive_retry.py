"""A hand-written retry by recursion: the error handler around the call calls the same
function again (once, or with a count), in any language with modelled error handling."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _retry(root: object, path: str, line: int) -> tuple[str, list[str]]:
    result = analyze(root, [scanned("api", [(path, line)], "call")], use_cache=False)["api"]  # type: ignore[arg-type]
    return result.verdicts["retry"].verdict, result.verdicts["retry"].reasons


def test_a_ruby_rescue_that_sends_again_once(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/relay.rb": (
                "class Relay\n"
                "  def deliver(raw, to, again: true)\n"
                '    @smtp.send_message(raw, "a@example.com", to)\n'  # line 3
                "  rescue Errno::ECONNRESET, Errno::EPIPE\n"
                "    raise unless again\n"
                "    reconnect\n"
                "    deliver(raw, to, again: false)\n"
                "  end\nend\n"
            )
        }
    )
    verdict, reasons = _retry(root, "app/relay.rb", 3)
    assert verdict == "yes", reasons
    assert "calls it again at app/relay.rb:7" in reasons[0]


def test_a_typescript_catch_that_calls_itself_with_one_attempt_less(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/push.ts": (
                "export async function push(url: string, body: string, left = 2): Promise<void> {\n"
                "  try {\n"
                "    await fetch(url, { method: 'POST', body });\n"  # line 3
                "  } catch (error) {\n"
                "    if (left > 0) return push(url, body, left - 1);\n"
                "    throw error;\n"
                "  }\n"
                "}\n"
            )
        }
    )
    assert _retry(root, "src/push.ts", 3)[0] == "yes"


def test_a_handler_calling_another_function_or_a_namesake_method_is_no_retry(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/fetcher.py": (
                "import requests\n\n\n"
                "def fetch(url, log):\n"
                "    try:\n"
                "        return requests.get(url, timeout=5)\n"  # line 6
                "    except requests.ConnectionError:\n"
                "        log.fetch(url)\n"
                "        return fetch_cached(url)\n"
            )
        }
    )
    assert _retry(root, "app/fetcher.py", 6)[0] == "no"
