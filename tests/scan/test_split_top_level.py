"""`callargs.split_top_level`: the one splitter of an argument or parameter list at its
top-level commas, used by the helper-URL flow (scan) and the wrapper-argument reading
(resilience). Each case below names the older splitter that answered it differently."""

from __future__ import annotations

import pytest

from integration_risk.scan.callargs import split_top_level


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # plain lists: parts stripped, empty parts left out
        ("a, b ,c", ["a", "b", "c"]),
        ("", []),
        (" , a,, ", ["a"]),
        ("a,\n    b,\n", ["a", "b"]),
        # brackets of every kind, nested
        ("a, f(b, c), [d, e], {f: 1, g: 2}", ["a", "f(b, c)", "[d, e]", "{f: 1, g: 2}"]),
        ("f(g(a, [b, {c: (1, 2)}]), d), e", ["f(g(a, [b, {c: (1, 2)}]), d)", "e"]),
        # strings with commas and brackets, in each language's quotes
        ("'x,y', \"a, b\", `c, d`", ["'x,y'", '"a, b"', "`c, d`"]),
        ('")", a, "(,["', ['")"', "a", '"(,["']),
        ('f(")", a), b', ['f(")", a)', "b"]),
        # a JS template literal or Go raw string across lines (helper_flow split it)
        ("`${base}/a,\n b`, opts", ["`${base}/a,\n b`", "opts"]),
        # an escaped quote does not close its string (split_top_level closed it)
        ('"a\\",b", c', ['"a\\",b"', "c"]),
        ("'it\\'s, ok', url", ["'it\\'s, ok'", "url"]),
        # a C# verbatim string has no escapes: `\"` closes it (helper_flow read on)
        ('@"C:\\dir\\", url, "x"', ['@"C:\\dir\\"', "url", '"x"']),
        ('$@"{root}\\", url, "x"', ['$@"{root}\\"', "url", '"x"']),
        # a quote that does not close on its line is an apostrophe (split_top_level read on)
        ("url, don't, retry", ["url", "don't", "retry"]),
        ("'a,\nb', c", ["'a", "b'", "c"]),
        # Rust lifetimes open no string (both older splitters read `'a str, b: &'` as one)
        ("a: &'a str, b: &'a str", ["a: &'a str", "b: &'a str"]),
        # (angle brackets are no brackets, as in both: `a < b, c > d` is two comparisons)
        ("url: Cow<'static, str>, t: u64", ["url: Cow<'static", "str>", "t: u64"]),
        ("c: char, d: &'x', e", ["c: char", "d: &'x'", "e"]),
        # a stray closer is a character; the commas after it still split
        # (split_top_level went below zero depth and split nothing more)
        ("a), b, c", ["a)", "b", "c"]),
        ("x], y", ["x]", "y"]),
        # an opener that never closes (a list cut short) is a character, as in helper_flow
        # (split_top_level split nothing after it)
        ("a, f(b, c", ["a", "f(b", "c"]),
        ("{a: (1, b}, c", ["{a: (1, b}", "c"]),
        # parameter lists as the languages write them
        (
            'self, url, timeout=(3, 5), headers={"a": 1, "b": 2}',
            ["self", "url", "timeout=(3, 5)", 'headers={"a": 1, "b": 2}'],
        ),
        (
            "int $timeout, array $options = ['a' => 1, 'b' => 2]",
            ["int $timeout", "array $options = ['a' => 1, 'b' => 2]"],
        ),
        (
            "ctx context.Context, url string, body io.Reader",
            ["ctx context.Context", "url string", "body io.Reader"],
        ),
        (
            "url: string, init?: { timeout?: number, retries: 2 }",
            ["url: string", "init?: { timeout?: number, retries: 2 }"],
        ),
    ],
)
def test_split_top_level(text: str, parts: list[str]) -> None:
    assert split_top_level(text) == parts
