"""What cannot be judged is `unknown` with its reason, never a crash or a guess; settings
files and manifests speak only for what they show."""

from __future__ import annotations

from integration_risk.models.scan import Evidence, Integration
from integration_risk.resilience import analyze, analyze_sites
from tests.conftest import TreeBuilder


def integration(
    ident: str, *evidence: tuple[str, int, str], category: str = "http-api"
) -> Integration:
    items = [Evidence(path=p, line=n, kind=k, snippet="") for p, n, k in evidence]
    return Integration(
        id=ident,
        name=ident,
        category=category,
        confidence=0.9,
        in_catalog=True,
        evidence_kinds=sorted({k for _, _, k in evidence}),
        files=len({p for p, _, _ in evidence}),
        evidence_count=len(items),
        evidence=items,
    )


def test_a_file_that_does_not_parse_is_unknown_with_its_reason(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/pay.py": "def charge(:\n  ))) requests.post(\n" * 20})
    result = analyze(root, [integration("pay", ("app/pay.py", 2, "url"))], use_cache=False)["pay"]
    timeout = result.verdicts["timeout"]
    assert timeout.verdict == "unknown"
    assert any("does not parse" in reason for reason in timeout.reasons)
    assert result.scan_facts() == {"timeout": None, "retry": None, "circuit_breaker": None}


def test_a_language_without_grammar_gives_no_site_and_unknown(make_tree: TreeBuilder) -> None:
    root = make_tree({"App/Pay.swift": 'let url = URL(string: "https://api.example-pay.com")\n'})
    result = analyze(root, [integration("pay", ("App/Pay.swift", 1, "url"))], use_cache=False)[
        "pay"
    ]
    assert result.sites_total == 0
    assert {v.verdict for v in result.verdicts.values()} == {"unknown"}


def test_a_settings_file_with_a_timeout_key_answers_yes(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {"config/app.yml": "cache:\n  redis:\n    host: localhost\n    timeout: 300ms\n"}
    )
    result = analyze(root, [integration("redis", ("config/app.yml", 3, "config"))], use_cache=False)
    timeout = result["redis"].verdicts["timeout"]
    assert timeout.verdict == "yes"
    assert "config/app.yml:4" in timeout.reasons[0]


def test_ci_and_container_files_are_not_call_sites(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            ".github/workflows/ci.yml": "services:\n  mysql:\n    options: --health-timeout 5s\n",
            "docker-compose.yml": "services:\n  db:\n    image: mysql\n",
        }
    )
    result = analyze(
        root,
        [
            integration(
                "mysql",
                (".github/workflows/ci.yml", 2, "image"),
                ("docker-compose.yml", 3, "config"),
            )
        ],
        use_cache=False,
    )["mysql"]
    assert result.sites_total == 0
    assert result.verdicts["timeout"].verdict == "unknown"


def test_only_a_manifest_line_gives_library_defaults_and_unknown_otherwise(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"Gemfile": "source 'https://rubygems.org'\ngem 'mysql2'\n"})
    evidence = integration("mysql", ("Gemfile", 2, "dependency"), category="database")
    evidence.evidence[0].snippet = "gem 'mysql2'"
    result = analyze(root, [evidence], use_cache=False)["mysql"]
    assert result.verdicts["timeout"].verdict == "yes"
    assert result.verdicts["timeout"].reasons[-1].startswith("library default") or any(
        "library default" in r for r in result.verdicts["timeout"].reasons
    )
    assert result.verdicts["circuit_breaker"].verdict == "unknown"


def test_a_stored_option_is_not_a_timeout_but_a_passed_one_is(make_tree: TreeBuilder) -> None:
    source = (
        "const axios = require('axios');\n"
        "class Sender {\n"
        "  constructor(options) {\n"
        "    this.timeout = options.timeout || false;\n"
        "    this.http = axios.create();\n"
        "  }\n"
        "  send(body) {\n"
        "    return this.http.post('https://api.example-pay.com/x', body);\n"
        "  }\n"
        "  sendBounded(body) {\n"
        "    return this.http.post('https://api.example-pay.com/x', body, { timeout: 5000 });\n"
        "  }\n"
        "}\n"
    )
    root = make_tree({"src/sender.js": source})
    sites = analyze_sites(
        root,
        [
            integration("a", ("src/sender.js", 8, "url")),
            integration("b", ("src/sender.js", 11, "url")),
        ],
        use_cache=False,
    )
    assert sites["a"].resilience.verdicts["timeout"].verdict == "no"
    assert sites["b"].resilience.verdicts["timeout"].verdict == "yes"


def test_a_wrapper_option_the_caller_does_not_pass_protects_nothing(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/utils/fetch.ts": (
                "export default async function fetch(url: string, init?: { timeout?: number }) {\n"
                "  const { timeout } = init || {};\n"
                "  const signal = timeout ? AbortSignal.timeout(timeout) : undefined;\n"
                "  return globalThis.fetch(url, { signal });\n"
                "}\n"
            ),
            "src/slack.ts": (
                'import fetch from "./utils/fetch";\n'
                "export async function post(body: string) {\n"
                '  return fetch("https://slack.example.com/api", {});\n'
                "}\n"
                "export async function postBounded(body: string) {\n"
                '  return fetch("https://slack.example.com/api", { timeout: 5000 });\n'
                "}\n"
            ),
        }
    )
    sites = analyze_sites(
        root,
        [
            integration("a", ("src/slack.ts", 3, "url")),
            integration("b", ("src/slack.ts", 6, "url")),
        ],
        use_cache=False,
    )
    assert sites["a"].resilience.verdicts["timeout"].verdict == "no"
    assert sites["b"].resilience.verdicts["timeout"].verdict == "yes"


def test_idempotency_is_judged_on_payment_calls_only(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/pay.py": (
                "import stripe\n\n"
                "def charge(order):\n"
                "    return stripe.PaymentIntent.create(amount=order.total, idempotency_key=order.key)\n\n"
                "def refund(order):\n"
                "    return stripe.Refund.create(payment_intent=order.intent)\n"
            )
        }
    )
    paid = analyze_sites(
        root,
        [
            integration("stripe", ("app/pay.py", 4, "client"), category="payment"),
            integration("other", ("app/pay.py", 7, "client"), category="payment"),
            integration("mail", ("app/pay.py", 7, "client"), category="email"),
        ],
        use_cache=False,
    )
    assert paid["stripe"].resilience.verdicts["idempotency"].verdict == "yes"
    assert paid["other"].resilience.verdicts["idempotency"].verdict == "no"
    assert paid["mail"].resilience.verdicts["idempotency"].verdict == "unknown"
