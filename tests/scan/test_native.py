"""The native (Hyperscan) prefilter engine: the same findings as the pure-Python path and
as full-text extraction, fewer candidate lines, and a working fallback without it."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from integration_risk.scan import confirm, drivers, gate, native, native_db, prefilter
from integration_risk.scan.engine import extract, read_bytes
from integration_risk.scan.extract import extract_file
from integration_risk.scan.regex_literals import required_literals
from tests.scan.test_prefilter import FILLER, INDEX, _cases

pytestmark = pytest.mark.skipif(native.hyperscan is None, reason="hyperscan wheel missing")


@pytest.fixture(autouse=True)
def prefilter_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SCAN_PREFILTER", "1")
    monkeypatch.setenv("SCAN_NATIVE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _findings(monkeypatch: pytest.MonkeyPatch, flag: str, rel: str, text: str) -> object:
    monkeypatch.setenv("SCAN_NATIVE", flag)
    return extract(rel, text, INDEX)


@pytest.mark.slow  # every fixture through every path: runs in CI, not in the edit loop
def test_native_and_python_paths_find_what_full_extraction_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    differing = []
    for rel, text in _cases():
        full = extract_file(rel, text, INDEX)
        native_found = _findings(monkeypatch, "1", rel, text)
        python_found = _findings(monkeypatch, "0", rel, text)
        if not (native_found == python_found == full):
            differing.append(rel)
    assert differing == []


def test_a_call_after_a_long_run_of_spaces_is_kept() -> None:
    # Hyperscan's regex compiler missed this `->get(` (alternation, then 16 spaces): the
    # engine only matches literals and lets Python's `re` confirm the regex.
    text = (
        "<?php\nclass ImageFetch {\n  function fetch(string $url) {\n"
        "            return Http::withUserAgent(user_agent())\n"
        "                ->get($url)\n                ->body();\n  }\n}\n"
    )
    rel = "app/Services/Image/ImageFetch.php"
    calls = [f for f in extract(rel, FILLER + text, INDEX) if f.kind == "call"]
    assert calls and calls == [
        f for f in extract_file(rel, FILLER + text, INDEX) if f.kind == "call"
    ]


def test_native_keeps_fewer_lines_where_anchor_words_are_no_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `get`, `delete`, `client` in words and prose: the Python path keeps every such line,
    # the native engine only lines where an extractor regex matches.
    noise = "".join(
        f"const target_{n} = budget - {n}  // we get what we delete, client side\n"
        for n in range(30)
    )
    text = noise + "const res = await axios.get(feedUrl)\n" + noise
    native_kept = prefilter.candidates(text, INDEX)
    monkeypatch.setenv("SCAN_NATIVE", "0")
    python_kept = prefilter.candidates(text, INDEX)
    assert native_kept is not None and python_kept is not None
    assert len(native_kept.line_map) < len(python_kept.line_map) / 4
    assert "axios.get(feedUrl)" in native_kept.text


def test_pattern_extractors_without_a_match_in_the_file_are_gated() -> None:
    found = prefilter.candidates(FILLER + "import stripe\n" + FILLER, INDEX)
    assert found is not None
    assert drivers.LINE_PATTERNS[0] in found.absent  # no driver selector anywhere
    selector = prefilter.candidates(
        FILLER + "const db = new Sequelize({ dialect: 'postgres' })\n", INDEX
    )
    assert selector is not None and drivers.LINE_PATTERNS[0] not in selector.absent
    with gate.absent(found.absent):
        assert list(drivers.selectors("dialect: 'postgres'\n")) == []
    assert list(drivers.selectors("dialect: 'postgres'\n")) == [("postgres", 10)]


@pytest.mark.parametrize("text", ["name = 'Zoë'\n", "sep = '\x1e'\n"])
def test_text_hyperscan_does_not_read_as_python_does_goes_to_the_python_path(text: str) -> None:
    assert not native.suits(FILLER + text)
    body = FILLER + text + "import stripe\n"
    assert extract("app/pay.py", body, INDEX) == extract_file("app/pay.py", body, INDEX)


def test_without_the_wheel_the_python_path_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    text = FILLER + "import stripe\nr = requests.post(hook.target_url)\n" + FILLER
    rel = "app/hooks/deliver.py"
    with_native = extract(rel, text, INDEX)
    monkeypatch.setattr(native, "hyperscan", None)
    assert not native.enabled()
    prefilter.ready(INDEX)  # builds the automaton instead
    assert extract(rel, text, INDEX) == with_native == extract_file(rel, text, INDEX)


def test_the_compiled_database_is_cached_and_a_damaged_cache_recompiles(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(native_db, "PREBUILT", tmp_path / "none.hsdb")  # none shipped
    built = native.build(INDEX)
    cached = list((tmp_path / "cache").rglob("hyperscan-*.db"))
    assert len(cached) == 1
    loaded = native.build(INDEX)
    assert loaded.tokens == built.tokens
    cached[0].write_bytes(b"not a database")
    again = native.build(INDEX)
    assert again.tokens == built.tokens
    text = FILLER + "import stripe\n"
    hits, _ = native.hits(text, INDEX)
    assert hits


def test_the_plan_holds_every_anchor_and_the_literals_of_regexes_re2_cannot_mark() -> None:
    planned = native.plan(INDEX)
    literal_confirmed = native.literal_confirmed()
    needed = {
        literal
        for position in literal_confirmed
        for literal in required_literals(prefilter.PATTERN_EXTRACTORS[position])
    }
    assert planned.keys() == prefilter.token_anchors(INDEX).keys() | needed
    assert "get" not in planned  # `.get(` is marked by RE2, not by every `get` in the text


def test_read_bytes_reads_a_file_that_grew_since_the_walk(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 5000)
    assert read_bytes(str(path), 10) == b"x" * 5000
    assert read_bytes(str(path), 5000) == b"x" * 5000
    assert read_bytes(str(path), 9000) == b"x" * 5000


def test_scans_in_parallel_threads_each_use_their_own_scratch() -> None:
    import threading

    text = FILLER + "import stripe\nr = requests.post(hook.target_url)\n"
    expected = native.hits(text, INDEX)
    results: list[object] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def scan() -> None:
        barrier.wait()
        try:
            for _ in range(50):
                results.append(native.hits(text, INDEX))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=scan) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [expected] * 300


def test_without_re2_the_literals_confirm_every_pattern_extractor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = FILLER + "import stripe\nr = requests.post(hook.target_url)\n" + FILLER
    rel = "app/hooks/deliver.py"
    expected = extract_file(rel, text, INDEX)
    monkeypatch.setattr(confirm, "confirmer", lambda: None)
    monkeypatch.setattr(native, "_ENGINES", {})
    monkeypatch.setattr(native, "_PENDING", {})
    assert "post" in native.plan(INDEX)
    assert extract(rel, text, INDEX) == expected
    assert any(f.kind == "call" for f in expected)


def test_concurrent_callers_compile_the_engine_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`prepare`'s thread and direct `engine` calls (the MCP server scans in worker
    threads) all wait for one build of a catalog version."""
    monkeypatch.setattr(native, "_ENGINES", {})
    monkeypatch.setattr(native, "_PENDING", {})
    builds: list[str] = []
    built = native.Engine(database=object(), tokens=[])

    def slow_build(index: object, use_cache: bool = True) -> native.Engine:
        builds.append("build")
        time.sleep(0.2)  # long enough for every caller to arrive while it runs
        return built

    monkeypatch.setattr(native, "build", slow_build)
    index = SimpleNamespace(version="fresh-version")
    start = threading.Barrier(3)
    got: list[native.Engine] = []

    def call() -> None:
        start.wait()
        got.append(native.engine(index))  # type: ignore[arg-type]

    threads = [threading.Thread(target=call) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    native.prepare(index)  # type: ignore[arg-type]  # built already: nothing to start
    assert builds == ["build"]
    assert got == [built] * 3
    monkeypatch.setattr(native, "_ENGINES", {})  # prepare's thread, then direct calls
    native.prepare(index)  # type: ignore[arg-type]
    threads = [threading.Thread(target=call) for _ in range(3)]
    start.reset()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == ["build", "build"]
    assert native._PENDING == {}


def _non_ascii_variants(text: str) -> list[str]:
    return [
        "\ufeff" + text,  # a byte-order mark, as Visual Studio writes C# files
        text.replace("\n", " // café 日本\n"),  # non-ASCII next to every line's end
        text.replace(" ", "\u00a0", 3),  # spaces only Python reads as space
        text.replace("\n", "\u2028\n", 5),  # a separator Python's splitlines cuts at
    ]


@pytest.mark.slow  # every fixture, four non-ASCII variants each: runs in CI
def test_non_ascii_text_through_the_native_path_finds_what_full_extraction_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCAN_NATIVE", "1")
    differing = []
    for rel, text in _cases():
        for variant in _non_ascii_variants(text):
            if variant == text:
                continue
            assert not native.suits(variant)
            if extract(rel, variant, INDEX) != extract_file(rel, variant, INDEX):
                differing.append((rel, variant[:40]))
    assert differing == []


def test_the_ascii_view_keeps_every_offset_and_newline() -> None:
    text = "\ufeffa\u00a0b\nc\u2028d\x1ce 日本\n"
    view = native.ascii_view(text)
    assert len(view) == len(text) and native.suits(view)
    assert [i for i, c in enumerate(view) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert view == "\x01a b\nc d e \x01\x01\n"


def test_a_file_with_a_byte_order_mark_keeps_the_lines_its_ascii_twin_keeps() -> None:
    # It went to the Python path, which keeps every line with a `get` or a `client`:
    # 3,057 of 3,659 lines of a generated EF Core migration instead of 383.
    text = (
        FILLER
        + 'var x = client.Settings.Get("a");\nawait http.GetAsync("https://api.example-pay.com/v1");\n'
        + FILLER
    )
    plain = prefilter.candidates(text, INDEX)
    marked = prefilter.candidates("\ufeff" + text, INDEX)
    assert plain is not None and marked is not None
    assert marked.line_map == plain.line_map
    assert marked.absent == plain.absent
