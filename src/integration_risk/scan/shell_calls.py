"""Network calls a program makes by running another one: git fetching a remote, curl or
wget fetching a URL; and git remotes reached through a git library. The remote or URL is
data unless the command line holds it literally."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.scan import gate
from integration_risk.scan.callargs import HttpCall

# Shelling out to git for a network operation (mirror sync, import by URL): the remote is data.
_GIT_WORD = re.compile(r"git", re.I)
_GIT_NETWORK = re.compile(
    r"""(?im)^(?=[^\n]*git)[^\n]*?(?P<at>['"](?:ls-remote|clone|fetch|pull|push)['"])[^\n]*$"""
)
# A process builder whose first argument clones a remote (Rust `Command::new("git")` with
# `.args(["clone", "--bare", url])` on the next line): no other common tool clones.
_CLONE_ARGUMENT = re.compile(r"""\.args?\(\s*(?:&?\[|vec!\[)?\s*(?P<at>"(?:clone|ls-remote)")""")
# A git library cloning or listing a remote repository at a URL given at run time (a
# repository mirror, plugins or deployable code taken from a user's repository): Java JGit
# `Git.cloneRepository()` / `Git.lsRemoteRepository()`, C# LibGit2Sharp `Repository.Clone(`,
# Go go-git `git.PlainClone(`, Rust git2 `Repository::clone(`, Python GitPython
# `Repo.clone_from(` and pygit2 `clone_repository(`, Ruby Rugged `Repository.clone_at(`;
# and syncing with a configured remote: go-git's `&git.FetchOptions{` / `&git.PushOptions{`
# (a pointer: gogs' git-module takes `git.PushOptions{}` by value, for local repositories),
# LibGit2Sharp `Commands.Fetch(` / `repo.Network.Push(`, GitPython `repo.remote("origin").push(`
# / `repo.remotes.origin.pull(`, isomorphic-git `git.push({ fs, http, .. })`.
_GIT_LIBRARY = re.compile(
    r"\bGit\s*\.\s*(?:cloneRepository|lsRemoteRepository)\s*\(\s*\)"
    r"|\bRepository(?:\.Clone|::clone(?:_recurse)?|\.clone_at)\s*\("
    r"|\bgit\.PlainClone(?:Context)?\s*\(|\bRepo\.clone_from\s*\(|\bpygit2\.clone_repository\s*\("
    r"|&git\.(?:Fetch|Push|Pull)Options\s*\{|\bCommands\.(?:Fetch|Pull)\s*\("
    r"|\.Network\.Push\s*\(|\.remotes?(?:\.\w+|\([^()\n]*\))\.(?:fetch|push|pull)\s*\("
    r"|\bgit\.(?:clone|fetch|push|pull)\s*\(\s*\{"
)
# Shelling out to curl or wget from code: PHP `exec("curl -L $url")`, Symfony
# `Process::fromShellCommandline("curl ...")`, Python `subprocess.run(["curl", url])`, Go
# `exec.Command("wget", url)`, Rust `Command::new("curl")`, Node `execSync(`curl ${u}`)`.
_SHELL_FETCH = re.compile(
    r"\b(?:exec|shell_exec|system|passthru|popen|proc_open|spawn|spawnSync|execSync|execFile"
    r"|fromShellCommandline|Popen|check_output|check_call|run|Command(?:::new)?|CommandContext)"
    r"""\s*\(\s*(?:\[\s*)?(?:ctx\s*,\s*)?[fr]?["'`](?P<tool>curl|wget)\b(?P<rest>[^\n]*)"""
)
_ABSOLUTE_URL = re.compile(r"""https?://[^\s"'`)]+""")


def shell_calls(text: str) -> Iterator[HttpCall]:
    """Every git network command and every curl/wget run from code in `text`."""
    commands: set[int] = set()
    if _GIT_WORD.search(text):
        for match in gate.finditer(_GIT_NETWORK, text):
            commands.add(match.start("at"))
            yield HttpCall(match.start("at"), "data", "git remote")
    for match in gate.finditer(_GIT_LIBRARY, text):
        yield HttpCall(match.start(), "data", "git remote")
    for match in gate.finditer(_CLONE_ARGUMENT, text):
        if match.start("at") not in commands:  # `Command::new("git").args(["clone"`: once
            yield HttpCall(match.start("at"), "data", "git remote")
    for match in gate.finditer(_SHELL_FETCH, text):
        absolute = _ABSOLUTE_URL.search(match.group("rest"))
        if absolute is not None and not any(c in absolute.group(0) for c in "{$"):
            yield HttpCall(match.start("tool"), "literal", f'"{absolute.group(0)}"')
        else:
            yield HttpCall(match.start("tool"), "data", match.group("tool"))


# What the prefilter must keep.
LINE_PATTERNS = (_GIT_NETWORK, _GIT_LIBRARY, _CLONE_ARGUMENT, _SHELL_FETCH)
