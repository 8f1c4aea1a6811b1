"""Whether a line calls a host is read on the raw line at extraction (`Finding.called`), and
a setting's URL is found by its name on the raw line: the snippet is masked and clipped to
140 characters, and may have lost the call word or the name (review 23, finding 11)."""

from __future__ import annotations

from pathlib import Path

from integration_risk.scan.cache import _decode, _encode
from integration_risk.scan.endpoints import calls_host
from integration_risk.scan.findings import Finding
from integration_risk.scan.masking import safe_snippet
from tests.scan.trees import scan, write

# A call whose `.get(` stands past the 140 characters a snippet keeps.
_LONG_CALL = (
    "    const { data: latestReleaseInformationForTheUpdateChecker, status: statusCodeOfIt }"
    ' = await this.releaseChannelService.httpClientForReleases.get("https://releases.'
    'scoreboard.io/latest");\n'
)
# A secret-named value that is not a read: the snippet hides the whole value, call and all.
_MASKED_CALL = '  const token = await fetch("https://auth.scoreboard.io/token");\n'


def test_the_snippet_lost_what_the_raw_line_says() -> None:
    for line in (_LONG_CALL, _MASKED_CALL):
        assert calls_host(line)
        assert not calls_host(safe_snippet(line))
    assert not calls_host('  docs: "https://scoreboard.io/docs",')


def test_a_call_to_the_projects_own_domain_is_kept_whatever_its_snippet_shows(
    tmp_path: Path,
) -> None:
    root = tmp_path / "scoreboard"
    write(
        root,
        {
            "package.json": '{"name": "scoreboard", "dependencies": {"axios": "^1.0.0"}}\n',
            "src/updates.ts": "export async function latest() {\n" + _LONG_CALL + "}\n",
            "src/session.ts": "export async function login() {\n" + _MASKED_CALL + "}\n",
            "src/links.ts": 'export const LINKS = {\n  docs: "https://scoreboard.io/docs",\n};\n',
        },
    )
    found = scan(root)
    assert [(e.path, e.line) for e in found["releases.scoreboard.io"].evidence] == [
        ("src/updates.ts", 2)
    ]
    assert [(e.path, e.line) for e in found["auth.scoreboard.io"].evidence] == [
        ("src/session.ts", 2)
    ]
    assert "scoreboard.io" not in found  # a link stays a link


def test_a_setting_whose_masked_name_holds_the_url_names_the_call(tmp_path: Path) -> None:
    # a name of 24+ letters and digits reads as a token to the masking: `*** = "https://.."`
    setting = "GEO2_LOOKUP_SERVICE_BASE_URL"
    assert setting not in safe_snippet(f'{setting} = "https://geo.lookup-x.io/v1"')
    write(
        tmp_path,
        {
            "geo/lookup.py": "import requests\n\n"
            f'{setting} = "https://geo.lookup-x.io/v1"\n\n\n'
            "def locate(ip):\n"
            f'    return requests.get({setting} + "/ip/" + ip, timeout=3).json()\n',
        },
    )
    found = scan(tmp_path)
    assert sorted((e.line, e.kind) for e in found["geo.lookup-x.io"].evidence) == [
        (3, "url"),
        (7, "call"),
    ]


def test_the_call_fact_survives_the_scan_cache() -> None:
    findings = [Finding("~host:a.example", "url", 3, "get(***)", called=True)]
    assert _decode(_encode(findings)) == findings
