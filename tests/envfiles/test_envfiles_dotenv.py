"""Dotenv dialect: each case users write, parsed like python-dotenv, lines exact."""

from __future__ import annotations

from integration_risk.envfiles.dotenv import parse_dotenv
from integration_risk.envfiles.rules import is_safe_key


def values(text: str) -> dict[str, tuple[str, int, bool]]:
    assignments, _ = parse_dotenv(text)
    return {a.key: (a.value.reveal(), a.line, a.interpolate) for a in assignments}


def test_export_prefix() -> None:
    assert values("export API_URL=https://x.example.com\n")["API_URL"][0] == (
        "https://x.example.com"
    )


def test_single_double_and_unquoted() -> None:
    parsed = values("A='single $X'\nB=\"double\"\nC=bare\n")
    assert parsed["A"] == ("single $X", 1, False)  # single quotes: literal, no interpolation
    assert parsed["B"] == ("double", 2, True)
    assert parsed["C"] == ("bare", 3, True)


def test_escaped_quotes() -> None:
    parsed = values('A="say \\"hi\\""\nB=\'it\\\'s\'\n')
    assert parsed["A"][0] == 'say "hi"'
    assert parsed["B"][0] == "it's"


def test_multiline_double_quoted_pem_and_following_line_numbers() -> None:
    text = 'KEY="-----BEGIN PRIVATE KEY-----\nAAAA\nBBBB\n-----END PRIVATE KEY-----"\nNEXT=1\n'
    parsed = values(text)
    assert parsed["KEY"][0].count("\n") == 3
    assert parsed["KEY"][1] == 1
    assert parsed["NEXT"] == ("1", 5, True)


def test_inline_comments() -> None:
    parsed = values('A=value # comment\nB="quoted # not a comment"\nC=a#b\n# full line\n')
    assert parsed["A"][0] == "value"
    assert parsed["B"][0] == "quoted # not a comment"
    assert parsed["C"][0] == "a#b"


def test_interpolation_is_kept_raw_for_the_classifier() -> None:
    parsed = values("A=${HOST}\nB=${PORT:-5432}\n")
    assert parsed["A"][0] == "${HOST}"
    assert parsed["B"][0] == "${PORT:-5432}"


def test_crlf_and_bom() -> None:
    parsed = values("\ufeffFIRST=1\r\nSECOND=two\r\n\r\nTHIRD=3\r\n")
    assert parsed == {"FIRST": ("1", 1, True), "SECOND": ("two", 2, True), "THIRD": ("3", 4, True)}


def test_duplicates_are_all_kept_in_order() -> None:
    assignments, _ = parse_dotenv("A=1\nB=2\nA=3\n")
    assert [(a.key, a.line) for a in assignments] == [("A", 1), ("B", 2), ("A", 3)]


def test_parse_error_names_the_line_but_not_the_value() -> None:
    secret = "Unterminated9Secret7Value"
    assignments, problems = parse_dotenv(f'OK=1\nBAD="{secret}\nLATER=2\n')
    assert [p.line for p in problems] == [2]
    assert secret[:6] not in problems[0].message and "BAD" not in problems[0].message
    assert "OK" in {a.key for a in assignments}


def test_bare_token_line_is_a_problem_not_a_key() -> None:
    assignments, problems = parse_dotenv(
        "A=1\nsk_live_9f8e7d6c5b4a39281706\nMIIEvQIBADANBgkqhkiG9w0BAQ==\n"
    )
    assert [a.key for a in assignments] == ["A"]
    assert [p.line for p in problems] == [2, 3]
    assert all("text not shown" in p.message for p in problems)


def test_safe_key_rules() -> None:
    assert is_safe_key("AWS_SECRET_ACCESS_KEY")
    assert is_safe_key("OAUTH2_CLIENT_ID")
    assert is_safe_key("HTTPS_PROXY_URL")
    assert not is_safe_key("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
    assert not is_safe_key("a8f3k29d0s7x")
    assert not is_safe_key("aBcDeFgHiJ")
