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


def test_a_base_class_method_that_waits_and_calls_itself_retries_for_subclass_calls(
    make_tree: TreeBuilder,
) -> None:
    """The retry sits outside any error handler: on a 429 the method sleeps through a
    project helper, then calls itself with one attempt more. Its parameters span lines, as
    formatters write them, and the subclass reaches it as `this.send`."""
    root = make_tree(
        {
            "src/wait.ts": "export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));\n",
            "src/base.ts": (
                "import { pause } from './wait';\n"
                "export abstract class Base {\n"
                "  async send(\n"
                "    url: string,\n"
                "    options: RequestInit = {},\n"
                "    attempt = 0\n"
                "  ): Promise<Response> {\n"
                "    const response = await fetch(url, options);\n"  # line 8
                "    if (response.ok) return response;\n"
                "    if (attempt < 3 && response.status === 429) {\n"
                "      await pause(5000);\n"
                "      return this.send(url, options, attempt + 1);\n"
                "    }\n"
                "    throw new Error('failed');\n"
                "  }\n"
                "}\n"
            ),
            "src/chat.ts": (
                "import { Base } from './base';\n"
                "export class Chat extends Base {\n"
                "  async token(code: string) {\n"
                "    return this.send('https://chat.example.com/token', { method: 'POST', body: code });\n"
                "  }\n"
                "}\n"
            ),
        }
    )
    verdict, reasons = _retry(root, "src/chat.ts", 4)
    assert verdict == "yes", reasons
    assert "waits at src/base.ts:11 and calls itself again at src/base.ts:12" in reasons[0]
    assert _retry(root, "src/base.ts", 8)[0] == "yes"


def test_a_python_method_that_sleeps_then_calls_itself_again_retries(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/api.py": (
                "import time\nimport requests\n\n\n"
                "class Api:\n"
                "    def get(self, url, attempt=0):\n"
                "        response = requests.get(url, timeout=5)\n"  # line 7
                "        if response.status_code == 429 and attempt < 3:\n"
                "            time.sleep(2)\n"
                "            return self.get(url, attempt + 1)\n"
                "        return response\n"
            )
        }
    )
    assert _retry(root, "app/api.py", 7)[0] == "yes"


def test_a_self_call_without_a_wait_or_before_the_request_is_no_retry(
    make_tree: TreeBuilder,
) -> None:
    """Paging calls itself again, but without waiting: not a retry."""
    root = make_tree(
        {
            "app/pages.py": (
                "import requests\n\n\n"
                "def pages(url):\n"
                "    body = requests.get(url, timeout=5).json()\n"  # line 5
                "    if body.get('next'):\n"
                "        return [body, *pages(body['next'])]\n"
                "    return [body]\n"
            )
        }
    )
    assert _retry(root, "app/pages.py", 5)[0] == "no"


def test_a_bare_call_never_reaches_a_namesake_method_of_some_class(
    make_tree: TreeBuilder,
) -> None:
    """`fetch(url)` without a receiver is the runtime's fetch (or a module function) in
    TypeScript, Python and PHP: a class's retrying `fetch` method elsewhere is not it."""
    root = make_tree(
        {
            "src/base.ts": (
                "const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));\n"
                "export class Base {\n"
                "  async fetch(\n"
                "    url: string,\n"
                "    attempt = 0\n"
                "  ): Promise<Response> {\n"
                "    const response = await globalThis.fetch(url);\n"
                "    if (response.status !== 429 || attempt > 2) return response;\n"
                "    await pause(5000);\n"
                "    return this.fetch(url, attempt + 1);\n"
                "  }\n"
                "}\n"
            ),
            "src/hook.ts": (
                "import { Base } from './base';\n"
                "export async function deliver(url: string, body: string, base: Base) {\n"
                "  await fetch(url, { method: 'POST', body });\n"  # line 3
                "}\n"
            ),
        }
    )
    assert _retry(root, "src/hook.ts", 3)[0] == "no"
