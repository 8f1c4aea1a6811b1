"""The wrapper-definition index: found by name per language family, cached per file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integration_risk.resilience.defindex import DefinitionIndex, definitions_in
from integration_risk.resilience.jobdata import job_lines
from tests.conftest import TreeBuilder


def files_of(root: Path) -> list[tuple[str, int, int]]:
    found = []
    for path in sorted(root.rglob("*.*")):
        stat = path.stat()
        found.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return found


def test_definitions_by_family_with_their_lines() -> None:
    text = "import x\n\ndef post_json(url):\n    pass\n\nasync def fetch_rates():\n    pass\n"
    assert definitions_in(text, "python") == [("post_json", 3), ("fetch_rates", 6)]
    assert definitions_in("fn main() {}\n", "cobol") == []


def test_generic_methods_of_csharp_and_java_are_definitions() -> None:
    text = (
        "public static async Task<T> RunAsync<T>(Func<Task<T>> op) {}\n"
        "    private TOut Map<TIn, TOut>(TIn value) {}\n"
        "public <T> T first(List<T> items) {}\n"
    )
    assert definitions_in(text, "java") == [("RunAsync", 1), ("Map", 2), ("first", 3)]


def test_a_typescript_method_whose_parameters_span_lines_is_a_definition() -> None:
    """Formatters break long parameter lists; a modifier marks the head as a method, while
    a bare call broken the same way (`fetch(` then its arguments) stays a call."""
    text = (
        "class Api {\n"
        "  async send(\n    url: string,\n  ): Promise<Response> {\n"
        "    return fetch(\n      url,\n    );\n  }\n"
        "  private static build<T>(\n    x: T,\n  ) {}\n"
        "}\n"
    )
    assert definitions_in(text, "javascript") == [("send", 2), ("build", 9)]


def test_an_unchanged_file_is_not_read_again(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {"app/http.py": "def post_json(url):\n    pass\n", "src/send.ts": "function send() {}\n"}
    )
    first = DefinitionIndex(root, files_of(root), use_cache=True)
    assert first.lookup("python", "post_json") == [("app/http.py", 1)]
    assert first.lookup("tsx", "send") == [("src/send.ts", 1)]
    assert first.read == 2
    first.close()

    again = DefinitionIndex(root, files_of(root), use_cache=True)
    assert again.lookup("python", "post_json") == [("app/http.py", 1)]
    assert again.read == 0

    (root / "app/http.py").write_text("\n\ndef post_json(url):\n    pass\n")
    os.utime(root / "app/http.py", ns=(1, 1))
    changed = DefinitionIndex(root, files_of(root), use_cache=True)
    assert changed.lookup("python", "post_json") == [("app/http.py", 3)]
    assert changed.read == 1


def test_job_policy_lines_keep_their_numbers_past_a_form_feed_or_a_lone_cr() -> None:
    """`str.splitlines` cuts at `\\x0c` and `\\r` too; the policy line would then be
    reported lines later than tree-sitter and the text index put it."""
    text = (
        "from celery import shared_task\n"
        "\x0c\n"  # a page break line (PEP 8 allows it)
        "x = 'a\rb'  # a lone CR inside a line\n"
        "@shared_task(autoretry_for=(IOError,))\n"
        "def sync():\n"
        "    pass\n"
    )
    found = job_lines(text, "python")
    assert [(framework, line, kind) for framework, line, kind, _ in found] == [("celery", 4, "on")]


@pytest.mark.parametrize(
    ("family", "text"),
    [
        (
            "javascript",
            "export async function send(a) {}\nconst post = async (u) => x\n"
            "  private get(url: string): Promise<X> {\n  handler = async (req) => {}\n",
        ),
        (
            "java",
            "public class Api extends Base {\n  public static String get(String u) {\n"
            "  suspend fun fetch(url: String) {\n",
        ),
        ("python", "class Client(Base):\n    async def send(self):\n"),
        ("php", "class Feed extends \\Base\\Http {\n  public function &fetch($u) {}\n"),
        ("go", "func (c *Client) Do(r *Request) {}\nfunc main() {}\n"),
    ],
)
def test_text_re2_can_read_gives_the_matches_re_finds(family: str, text: str) -> None:
    from integration_risk.resilience import defindex

    assert defindex.re2_view(text) == text
    assert defindex._re2_multiline(defindex._DEFINITION[family]) is not None
    expected_defs = [(g[0], n) for g, n in defindex._matches(defindex._REGEX[family], text)]
    assert defindex.definitions_in(text, family) == expected_defs and expected_defs
    regex = defindex._CLASS_REGEX.get(family)
    expected = [(g[0], g[1], n) for g, n in defindex._matches(regex, text, keep_all=True)]
    assert defindex.classes_in(text, family) == expected
    assert defindex.re2_view(text + "# café") is None  # a non-ASCII letter: `re` reads it
    # A byte-order mark, a dash or an emoji is neither word, digit nor space for `re`: RE2
    # reads a view with `\x01` in its place, and the names come from the text itself.
    for odd in ("\ufeff" + text, text + "// — 🚀\n", text.replace(" ", "\u2014 ", 1)):
        view = defindex.re2_view(odd)
        assert view is not None and len(view) == len(odd) and view.isascii()
        want = [(g[0], n) for g, n in defindex._matches(defindex._REGEX[family], odd)]
        assert defindex.definitions_in(odd, family) == want
        classes = defindex._matches(defindex._CLASS_REGEX.get(family), odd, keep_all=True)
        assert defindex.classes_in(odd, family) == [(g[0], g[1], n) for g, n in classes]


@pytest.mark.parametrize("prefix", ["", "\ufeff", "// café\n"])
def test_hint_lines_are_the_same_whichever_engine_reads_the_file(prefix: str) -> None:
    from integration_risk.resilience import defindex

    text = prefix + 'services.AddHttpClient<Api>();\napp.MapGet("/healthz", () => "ok");\n'
    first = 1 if prefix.endswith("\n") else 0
    assert defindex.hint_lines(text, "csharp") == [
        ("dotnet-httpclient", first + 1, text.splitlines()[first].strip()),
        ("health-route", first + 2, 'app.MapGet("/healthz", () => "ok");'),
    ]
