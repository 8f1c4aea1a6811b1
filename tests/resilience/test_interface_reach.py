"""Interface reach in every way a class says what it is: a caller's `try` block calls
`transport.deliver(..)` on a receiver declared with an interface or abstract base, and the
class that extends or implements it, in another file, makes the call. The caller records
the failure (`mark_dead`), so the implementation's call has a caller's circuit breaker
(`breakers.py`, which follows receivers as `dispatch.py` resolves them). Python base classes,
C# and Kotlin base lists, `extends` in Java, TypeScript and PHP. A framework base the
receiver is typed with, a type argument or a constructor parameter's type names no
implementation. Tiny synthetic files; no file is named like the receiver."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.resilience import analyze_sites
from integration_risk.resilience.dispatch import _project_type, class_bases
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned, verdicts_of
from tests.resilience.test_fixture_verdicts import integration, verdict

# language -> (files, path of the implementation, line of its call)
_PYTHON = {
    "app/notifying/base.py": (
        "from abc import ABC, abstractmethod\n\n"
        "class Notifier(ABC):\n"
        "    @abstractmethod\n"
        "    def deliver(self, text): ...\n"
    ),
    "app/notifying/chat.py": (
        "import requests\n"
        "from app.notifying.base import Notifier\n\n"
        "class ChatClient(Notifier):\n"
        "    def deliver(self, text):\n"
        "        requests.post('https://chat.example.com/hook', json={'text': text}, timeout=5)\n"
    ),
    "app/channel.py": (
        "from app.notifying.base import Notifier\n\n"
        "class Channel:\n"
        "    def __init__(self, transport: Notifier):\n"
        "        self.transport = transport\n\n"
        "    def send(self, text):\n"
        "        try:\n"
        "            self.transport.deliver(text)\n"
        "        except IOError as e:\n"
        "            self.mark_dead(e)\n"
    ),
}
_CSHARP = {
    "src/Notifying/INotifier.cs": (
        "namespace App.Notifying;\n\n"
        "public interface INotifier\n{\n    Task Deliver(string text);\n}\n"
    ),
    "src/Notifying/ChatClient.cs": (
        "namespace App.Notifying;\n\n"
        "public sealed class ChatClient : IDisposable, INotifier\n{\n"
        "    private readonly HttpClient _http = new HttpClient();\n\n"
        "    public async Task Deliver(string text)\n    {\n"
        '        await _http.PostAsync("https://chat.example.com/hook", new StringContent(text));\n'
        "    }\n\n    public void Dispose() => _http.Dispose();\n}\n"
    ),
    "src/Channel.cs": (
        "using App.Notifying;\n\nnamespace App;\n\n"
        "public class Channel\n{\n"
        "    private readonly INotifier _transport;\n\n"
        "    public Channel(INotifier transport) { _transport = transport; }\n\n"
        "    public async Task Send(string text)\n    {\n"
        "        try\n        {\n            await _transport.Deliver(text);\n        }\n"
        "        catch (HttpRequestException e)\n        {\n"
        "            MarkDead(e);\n        }\n    }\n}\n"
    ),
}
_KOTLIN = {
    "src/main/kotlin/app/notifying/Notifier.kt": (
        "package app.notifying\n\ninterface Notifier {\n    fun deliver(text: String)\n}\n"
    ),
    "src/main/kotlin/app/notifying/ChatClient.kt": (
        "package app.notifying\n\n"
        "import okhttp3.OkHttpClient\nimport okhttp3.Request\n\n"
        "class ChatClient(\n    private val http: OkHttpClient,\n) : Notifier {\n"
        "    override fun deliver(text: String) {\n"
        '        http.newCall(Request.Builder().url("https://chat.example.com/hook").build()).execute()\n'
        "    }\n}\n"
    ),
    "src/main/kotlin/app/Channel.kt": (
        "package app\n\nimport app.notifying.Notifier\n\n"
        "class Channel(private val transport: Notifier) {\n"
        "    fun send(text: String) {\n"
        "        try {\n            transport.deliver(text)\n"
        "        } catch (e: java.io.IOException) {\n            markDead(e)\n        }\n"
        "    }\n}\n"
    ),
}
_JAVA = {
    "src/main/java/app/notifying/Notifier.java": (
        "package app.notifying;\n\n"
        "public abstract class Notifier {\n    public abstract void deliver(String text);\n}\n"
    ),
    "src/main/java/app/notifying/ChatClient.java": (
        "package app.notifying;\n\nimport java.net.http.HttpClient;\n\n"
        "public class ChatClient extends Notifier {\n"
        "    private final HttpClient http = HttpClient.newHttpClient();\n\n"
        "    @Override\n    public void deliver(String text) {\n"
        "        http.send(chatRequest(text), BodyHandlers.discarding());\n"
        "    }\n}\n"
    ),
    "src/main/java/app/Channel.java": (
        "package app;\n\nimport app.notifying.Notifier;\n\n"
        "public class Channel {\n    private final Notifier transport;\n\n"
        "    public void send(String text) {\n"
        "        try {\n            transport.deliver(text);\n"
        "        } catch (RuntimeException e) {\n            markDead(e);\n        }\n"
        "    }\n}\n"
    ),
}
_TYPESCRIPT = {
    "src/notifying/notifier.ts": (
        "export abstract class Notifier {\n  abstract deliver(text: string): Promise<void>;\n}\n"
    ),
    "src/notifying/chat.ts": (
        "import { Notifier } from './notifier';\n\n"
        "export class ChatClient extends Notifier {\n"
        "  async deliver(text: string): Promise<void> {\n"
        "    await fetch('https://chat.example.com/hook', { method: 'POST', body: text });\n"
        "  }\n}\n"
    ),
    "src/channel.ts": (
        "import { Notifier } from './notifying/notifier';\n\n"
        "export class Channel {\n"
        "  constructor(private readonly transport: Notifier) {}\n\n"
        "  async send(text: string): Promise<void> {\n"
        "    try {\n      await this.transport.deliver(text);\n"
        "    } catch (e) {\n      this.markDead(e);\n    }\n"
        "  }\n}\n"
    ),
}
_PHP = {
    "app/Notifying/Notifier.php": (
        "<?php\n\nnamespace App\\Notifying;\n\n"
        "abstract class Notifier\n{\n    abstract public function deliver(string $text): void;\n}\n"
    ),
    "app/Notifying/ChatClient.php": (
        "<?php\n\nnamespace App\\Notifying;\n\nuse GuzzleHttp\\Client;\n\n"
        "final class ChatClient extends \\App\\Notifying\\Notifier\n{\n"
        "    public function deliver(string $text): void\n    {\n"
        "        (new Client())->post('https://chat.example.com/hook', ['body' => $text]);\n"
        "    }\n}\n"
    ),
    "app/Channel.php": (
        "<?php\n\nnamespace App;\n\nuse App\\Notifying\\Notifier;\n\n"
        "class Channel\n{\n    public function __construct(private Notifier $transport) {}\n\n"
        "    public function send(string $text): void\n    {\n"
        "        try {\n            $this->transport->deliver($text);\n"
        "        } catch (\\Throwable $e) {\n            $this->markDead($e);\n        }\n"
        "    }\n}\n"
    ),
}
_CASES = {
    "python": (_PYTHON, "app/notifying/chat.py", 6),
    "csharp": (_CSHARP, "src/Notifying/ChatClient.cs", 9),
    "kotlin": (_KOTLIN, "src/main/kotlin/app/notifying/ChatClient.kt", 10),
    "java": (_JAVA, "src/main/java/app/notifying/ChatClient.java", 10),
    "typescript": (_TYPESCRIPT, "src/notifying/chat.ts", 5),
    "php": (_PHP, "app/Notifying/ChatClient.php", 11),
}


def _breaker(
    make_tree: TreeBuilder, files: dict[str, str], path: str, line: int
) -> tuple[str, str]:
    root = make_tree(files)
    result = analyze_sites(root, [integration("chat", path, line)], use_cache=False)["chat"]
    site = next(s for s in result.sites if s.line == line)
    return verdict(site, "circuit_breaker")


@pytest.mark.parametrize("language", sorted(_CASES))
def test_a_call_through_the_base_reaches_the_class_that_extends_or_implements_it(
    make_tree: TreeBuilder, language: str
) -> None:
    files, path, line = _CASES[language]
    answer, reason = _breaker(make_tree, files, path, line)
    assert answer == "yes", reason
    assert "deliver" in reason.lower(), reason


def test_a_framework_base_the_receiver_is_typed_with_names_no_implementation(
    make_tree: TreeBuilder,
) -> None:
    # `transport: BaseModel`: pydantic's class, not the project's; ChatClient(BaseModel) is
    # one of many models, not what the caller runs
    files = dict(_PYTHON)
    files["app/notifying/chat.py"] = (
        files["app/notifying/chat.py"]
        .replace("from app.notifying.base import Notifier", "from pydantic import BaseModel")
        .replace("(Notifier)", "(BaseModel)")
    )
    files["app/channel.py"] = (
        files["app/channel.py"]
        .replace("from app.notifying.base import Notifier", "from pydantic import BaseModel")
        .replace("transport: Notifier", "transport: BaseModel")
    )
    answer, reason = _breaker(make_tree, files, "app/notifying/chat.py", 6)
    assert answer == "no", reason


@pytest.mark.parametrize(
    ("language", "old", "new"),
    [
        # a type argument is no base: a holder of notifiers is not one
        ("python", "class ChatClient(Notifier):", "class ChatClient(Generic[Notifier]):"),
        # a Kotlin constructor parameter's type is no base
        ("kotlin", "private val http: OkHttpClient,\n) : Notifier {", "val next: Notifier,\n) {"),
        # nor one of a constructor with an annotation (dependency injection)
        (
            "kotlin",
            "class ChatClient(\n    private val http: OkHttpClient,\n) : Notifier {",
            "class ChatClient @Inject constructor(\n"
            "    private val http: OkHttpClient, private val next: Notifier,\n) {",
        ),
        # a C# generic constraint is no base
        (
            "csharp",
            "ChatClient : IDisposable, INotifier\n",
            "ChatClient<T> : IDisposable where T : INotifier\n",
        ),
    ],
)
def test_a_type_named_elsewhere_in_the_header_is_no_base(
    make_tree: TreeBuilder, language: str, old: str, new: str
) -> None:
    files, path, line = _CASES[language]
    changed = dict(files)
    assert old in changed[path]
    changed[path] = changed[path].replace(old, new)
    answer, reason = _breaker(make_tree, changed, path, line)
    assert answer == "no", reason


_WRAPPER_CASES = {
    # a call through the interface or base is a wrapper call: the implementation's own
    # protection (its timeout) holds for it
    "python": (_PYTHON, "app/channel.py", 9, "app/notifying/chat.py:6"),
    "typescript": (_TYPESCRIPT, "src/channel.ts", 8, "src/notifying/chat.ts:5"),
}


@pytest.mark.parametrize("language", sorted(_WRAPPER_CASES))
def test_a_call_through_the_base_is_protected_by_the_implementations_timeout(
    make_tree: TreeBuilder, language: str
) -> None:
    files, path, line, implementation = _WRAPPER_CASES[language]
    files = {
        name: text.replace(
            "{ method: 'POST', body: text }",
            "{ method: 'POST', body: text, signal: AbortSignal.timeout(5000) }",
        )
        for name, text in files.items()
    }
    root = make_tree(files)
    verdict, reasons = verdicts_of(root, "chat", [(path, line)], "call")["timeout"]
    assert verdict == "yes", reasons
    assert implementation in reasons, reasons


def test_a_concrete_method_of_the_declared_type_is_what_runs(make_tree: TreeBuilder) -> None:
    # the base class sends without a timeout itself: a subclass's override with one is no
    # proof for a call on the base type
    files = dict(_PYTHON)
    files["app/notifying/base.py"] = (
        "import requests\n\n"
        "class Notifier:\n"
        "    def deliver(self, text):\n"
        "        requests.post('https://chat.example.com/hook', json={'text': text})\n"
    )
    root = make_tree(files)
    verdict, reasons = verdicts_of(root, "chat", [("app/channel.py", 9)], "call")["timeout"]
    assert verdict == "no", reasons


_MAIL = (
    "import requests\n"
    "from app.notifying.base import Notifier\n\n"
    "class MailClient(Notifier):\n"
    "    def deliver(self, text):\n"
    "        requests.post('https://mail.example.com/send', json={'text': text})\n"
)


def _site_timeout(root: Path, ident: str, spots: list[tuple[str, int]]) -> tuple[str, str]:
    result = analyze_sites(root, [scanned(ident, spots)], use_cache=False)[ident]
    site = next(s for s in result.sites if (s.path, s.line) == ("app/channel.py", 9))
    return verdict(site, "timeout")


def test_of_several_implementations_only_the_integrations_own_counts(
    make_tree: TreeBuilder,
) -> None:
    # a call on `Notifier` may run ChatClient (timeout) or MailClient (none): chat's timeout
    # holds for the chat integration's call through the base, not for mail's
    root = make_tree({**_PYTHON, "app/notifying/mail.py": _MAIL})
    chat = _site_timeout(root, "chat", [("app/channel.py", 9), ("app/notifying/chat.py", 6)])
    assert chat[0] == "yes" and "app/notifying/chat.py:6" in chat[1], chat
    mail = _site_timeout(root, "mail", [("app/channel.py", 9), ("app/notifying/mail.py", 6)])
    assert mail[0] == "no" and "chat.py" not in mail[1], mail
    # with no implementation holding the integration, none of the several counts
    alone = _site_timeout(root, "mail", [("app/channel.py", 9)])
    assert alone[0] == "no" and "chat.py" not in alone[1], alone


@pytest.mark.parametrize(
    ("language", "old", "new"),
    [
        # a Kotlin object declaration
        (
            "kotlin",
            "class ChatClient(\n    private val http: OkHttpClient,\n) : Notifier {\n",
            "object ChatClient : Notifier {\n    private val http = OkHttpClient()\n\n",
        ),
        # a C# record
        (
            "csharp",
            "public sealed class ChatClient : IDisposable, INotifier\n",
            "public sealed record ChatClient(string Hook) : IDisposable, INotifier\n",
        ),
        # a Kotlin constructor with an annotation before the base list
        (
            "kotlin",
            "class ChatClient(\n",
            "class ChatClient @Inject constructor(\n",
        ),
    ],
)
def test_objects_records_and_annotated_constructors_name_their_bases(
    make_tree: TreeBuilder, language: str, old: str, new: str
) -> None:
    files, path, line = _CASES[language]
    changed = dict(files)
    assert old in changed[path]
    changed[path] = changed[path].replace(old, new)
    answer, reason = _breaker(make_tree, changed, path, line)
    assert answer == "yes", reason


def test_class_bases_of_a_record_without_a_body() -> None:
    assert class_bases("public record SmtpSender(string Host) : INotifier;", "csharp") == (
        "SmtpSender",
        frozenset({"INotifier"}),
    )


class _Index:
    def class_names(self) -> set[str]:
        return set()


class _Workspace:
    """Only what `_project_type` asks of a workspace: the file names it looks for."""

    def __init__(self) -> None:
        self.asked: set[str] = set()

    def text_index(self) -> _Index:
        return _Index()

    def files_named(self, stems: set[str]) -> list[str]:
        self.asked |= stems
        return []

    def raw_text(self, path: str) -> str:
        return ""


@pytest.mark.parametrize(
    ("type_name", "stems"),
    [
        ("Notifier", {"notifier", "notifierinterface"}),
        ("INotifier", {"inotifier", "inotifierinterface", "notifier"}),
        ("Index", {"index", "indexinterface"}),
    ],
)
def test_only_a_csharp_interface_prefix_is_dropped_from_the_file_name(
    type_name: str, stems: set[str]
) -> None:
    workspace = _Workspace()
    _project_type(workspace, type_name, "a.kt", [])  # type: ignore[arg-type]
    assert workspace.asked == stems
