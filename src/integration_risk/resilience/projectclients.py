"""Clients a project builds one way. Where every general HTTP client a language's runtime
code builds sets a timeout (Rust's `Client::builder().timeout(..)`, Go's
`&http.Client{Timeout: ..}`) and no code sends through an unbounded default
(`reqwest::get(..)`, `Client::new()`, `http.Get(..)`, `http.DefaultClient`), a request whose
client is built out of reach (an accessor on a context, a struct field) is made with one of
them: bounded. A client parameter counts when its callers pass one on (`ctx.client()`), not
when they build it or are not found. Read from the files' text once per run."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from integration_risk.resilience.languages import grammar_of
from integration_risk.resilience.rules import DATA
from integration_risk.resilience.sites import Site
from integration_risk.resilience.workspace import Workspace


@dataclass(frozen=True)
class Family:
    name: str
    language: str
    uses: re.Pattern[str]  # a file that uses the library
    builds: re.Pattern[str]  # where a client is built
    bounded: re.Pattern[str]  # a timeout in that construction
    unbounded: re.Pattern[str]  # a send through a default client without a timeout
    sends: re.Pattern[str]  # a function that sends a request with some client
    others: re.Pattern[str]  # another HTTP client library of the language
    # Java injects clients into classes: the class's file sends, a constructor takes it
    whole_file: bool = False
    bounded_in_function: bool = False  # the timeout is set in the function that builds it


@cache
def families() -> tuple[Family, ...]:
    """The client libraries of `data/client_families.toml`, their regexes compiled."""
    with open(DATA / "client_families.toml", "rb") as handle:
        rows = tomllib.load(handle)["family"]
    return tuple(
        Family(
            name=row["name"],
            language=row["language"],
            uses=re.compile(row["uses"]),
            builds=re.compile(row["builds"]),
            bounded=re.compile(row["bounded"]),
            unbounded=re.compile(row["unbounded"]),
            sends=re.compile(row["sends"]),
            others=re.compile(row["others"]),
            whole_file=row.get("whole_file", False),
            bounded_in_function=row.get("bounded_in") == "function",
        )
        for row in rows
    )


MAX_STATEMENT = 800  # characters of a construction read for its timeout
# A client among the function's parameters (`client: &reqwest::Client`, `c *http.Client`).
_HANDED = re.compile(r"\b\w*Client\w*\b")
_EXTENDS = re.compile(r"\bclass\s+\w+(?:<[^>{]*>)?\s+extends\s+([A-Z]\w*)")


class ProjectClients:
    """Per run: for each family, the construction that proves the project's clients are
    bounded (`path:line`), or None."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._bounded: dict[str, str | None] = {}

    def reason(self, site: Site) -> str | None:
        """Why the site's request is bounded by the project's own clients, or None: its own
        function sends with one, or a wrapper it reaches does (`restTemplate.get(env, ..)`
        through the project's retrying template, which sends with an injected client)."""
        if site.kind == "config":
            return None
        for family in families():
            if family.language != site.language:
                continue
            found = self._reason(site, family, site.path, site.line, site.outbound)
            if found is not None:
                return found
            if self._builds_own(site, family):
                continue  # it builds or picks its own client: its code speaks
            for scope in site.scopes:
                if scope.kind != "wrapper":
                    continue
                found = self._reason(site, family, scope.path, scope.start, False)
                if found is not None:
                    return f"{scope.label}: {found}"
        return None

    def _reason(
        self, site: Site, family: Family, path: str, line: int, outbound: bool
    ) -> str | None:
        source = self.workspace.file(path)
        span = self.workspace.function_at(path, line)
        if source is None or span is None:
            return None
        _, start, end = span
        body = "\n".join(source.lines[start - 1 : end])
        if family.whole_file:
            body = self._with_parents(source.text)
            if not family.uses.search(body):
                return None
        if not (outbound or family.sends.search(body)):
            return None
        signature = body.split("{", 1)[0]
        if (
            not family.whole_file
            and _HANDED.search(signature)
            and not self._passed_on(site, family)
        ):
            return None  # a client parameter: what its callers hand in speaks
        if family.builds.search(body) or family.unbounded.search(body):
            return None  # it builds or picks its own client: its code speaks
        if family.name not in self._bounded:
            self._bounded[family.name] = self._proof(family)
        proof = self._bounded[family.name]
        if proof is None:
            return None
        return f"every {family.name} client the project builds sets a timeout ({proof})"

    def _builds_own(self, site: Site, family: Family) -> bool:
        source = self.workspace.file(site.path)
        span = self.workspace.function_at(site.path, site.line)
        if source is None or span is None:
            return False
        body = "\n".join(source.lines[span[1] - 1 : span[2]])
        return bool(family.builds.search(body) or family.unbounded.search(body))

    def _with_parents(self, text: str) -> str:
        """A class's file and its project superclasses' files (up to two): a geocoder that
        only formats its URL sends through the request code of the base class it extends."""
        texts = [text]
        for _ in range(2):
            parent = _EXTENDS.search(texts[-1])
            files = self.workspace.files_named({parent.group(1).lower()}) if parent else []
            if not files:
                break
            texts.append(self.workspace.raw_text(files[0]))
        return "\n".join(texts)

    def _passed_on(self, site: Site, family: Family) -> bool:
        """Do the site's callers hand in a client they did not build (`ctx.client()`)?"""
        handed = [scope for scope in site.scopes if scope.kind == "client"]
        for scope in handed:
            source = self.workspace.file(scope.path)
            if source is None:
                return False
            text = "\n".join(source.lines[scope.start - 1 : scope.end])
            if family.builds.search(text) or family.unbounded.search(text):
                return False
        return bool(handed)

    def _proof(self, family: Family) -> str | None:
        first: str | None = None
        used = False
        for rel, _, _ in self.workspace.runtime_files():
            spec = grammar_of(rel)
            if spec is None or spec.name != family.language:
                continue
            text = self.workspace.raw_text(rel)
            if family.others.search(text) or family.unbounded.search(text):
                return None
            used = used or bool(family.uses.search(text))
            for match in family.builds.finditer(text):
                built = _statement(text, match.end(), family.language)
                if family.bounded_in_function:
                    built = self._function_text(rel, text.count("\n", 0, match.start()) + 1)
                if not family.bounded.search(built):
                    return None
                if first is None:
                    first = f"{rel}:{text.count(chr(10), 0, match.start()) + 1}"
        return first if used else None

    def _function_text(self, path: str, line: int) -> str:
        """The text of the function around `line` (empty outside one)."""
        source = self.workspace.file(path)
        span = self.workspace.function_at(path, line)
        if source is None or span is None:
            return ""
        return "\n".join(source.lines[span[1] - 1 : span[2]])


def _statement(text: str, start: int, language: str) -> str:
    """The construction's text: Go's struct literal up to its closing brace, a Rust builder
    chain up to the `;` or the end of the function that returns it."""
    tail = text[start : start + MAX_STATEMENT]
    if language == "go":  # `builds` ends at the literal's opening brace
        depth = 1
        for index, char in enumerate(tail):
            depth += char == "{"
            depth -= char == "}"
            if depth == 0:
                return tail[:index]
        return tail
    stop = min((i for i in (tail.find(";"), tail.find("\n}")) if i >= 0), default=len(tail))
    return tail[:stop]
