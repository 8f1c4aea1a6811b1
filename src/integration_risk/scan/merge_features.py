"""Tidy outbound-URL features across files before they become integrations.

- A feature named after the project itself (`lib/app/http.ex` -> `app`) is the project's
  own HTTP wrapper, not a feature: dropped. One named after a module the project prefixes
  with its own name (`crates/kitsune-embed/src/lib.rs` -> `kitsune-embed`) is the rest.
- A feature named after a setting whose default the code spells out elsewhere
  (`push_relay_uri ... "https://push.example.net"`) is that host's system: folded in;
  so is a feature whose directory spells out one host (its settings class's default).
- A feature file whose nearest meaningful directory is named like another feature
  (`Values/Podcast/EpisodePlayable` beside the `podcast` feature), or like a reported
  catalog system (`Auth/Oidc/DiscoveryService` beside `oidc`), is part of that one; unless
  it is named in one word as a kind of what the directory names (`Arr/SonarrClient` beside
  `Arr/ArrClient`, `print/octoprint_service.rb` beside `print/print_service.rb`): a member of
  that family.
- A feature whose name holds the whole name of another reported system as a run of its
  words (`validate-wakatime-key` beside `wakatime`, `last-fm-scrobbler` beside `lastfm`,
  `web-hook-alarm` beside `webhooks`) is a part of that system: folded in. Vendor umbrellas
  (`google-favicons` is no Google sign-in) and generic words name no system, nor does a
  host alone: `weibo-publish-agent` fetching pictures at their URLs beside `api.weibo.com`
  may call other hosts than that one.
- Features that share a distinctive first word (`tmdb-movie`, `tmdb-person`) are one when
  one of them is the word alone, or their files sit in one directory or below one named by
  that word (`Plugins/Tmdb/`); elsewhere the word is a coincidence (`torrent-potato` in
  `Indexers/`, `torrent-client` in `Download/`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Protocol, TypeVar

from integration_risk.namewords import name_words
from integration_risk.scan.features import GENERIC_WORDS, UMBRELLA_WORDS
from integration_risk.scan.findings import (
    LONGTAIL_FEATURE,
    LONGTAIL_HOST,
    LONGTAIL_PREFIXES,
    Finding,
)
from integration_risk.scan.urls import registrable_name


class Group(Protocol):
    items: list[tuple[str, Finding]]
    aliases: set[str]


G = TypeVar("G", bound=Group)

_SETTING_SUFFIX = "(?:base)?(?:url|uri|endpoint|host|server|address)"
_ALNUM = re.compile(r"[^a-z0-9]")


def whole_names(project_names: frozenset[str]) -> list[str]:
    """The project's whole names (`uptime-kuma`, `flipt`), not the words of a dashed one
    (`uptime`, `kuma`)."""
    dashed = [n.split("-") for n in project_names if "-" in n]
    return [n for n in project_names if "-" in n or not any(n in d for d in dashed)]


def fold_features(groups: dict[str, G], project_names: frozenset[str]) -> None:
    features = [k for k in groups if k.startswith(LONGTAIL_FEATURE)]
    wholes = whole_names(project_names)
    for key in features:
        name = key[len(LONGTAIL_FEATURE) :]
        # `ErsatzTV/` -> `ersatz-tv`: the project's name split at its capitals
        if name in project_names or name.replace("-", "") in project_names:
            del groups[key]
            continue
        # the project's whole name (`uptime-kuma-push`), not one word of it (`uptime-robot`
        # in the `uptime-monitor` project)
        first = max((w for w in wholes if name.startswith(w + "-")), key=len, default="")
        rest = name[len(first) + 1 :]
        if (
            first
            and any(w not in GENERIC_WORDS for w in rest.split("-"))
            and _prefixed_module(groups[key], first)
        ):
            # `crates/kitsune-embed/`, `packages/outline-webhooks/`: the rest names it
            _move(groups, key, LONGTAIL_FEATURE + rest)
            key, name = LONGTAIL_FEATURE + rest, rest
        if name in groups and not name.startswith(LONGTAIL_PREFIXES):
            # `transmission` beside the catalog's `transmission` found by its package: it
            _move(groups, key, name)
            continue
        host = _default_of_setting(name, groups) or _host_beside(key, groups)
        if host is not None:
            _move(groups, key, host)
    _join_by_directory(groups)
    _merge_by_first_word(groups, project_names)
    _fold_into_named_system(groups)


def _prefixed_module(group: Group, project: str) -> bool:
    """A directory or file of the group spells the project's name as a prefix of its own
    (`kitsune-embed/`, `acme_sync.py`), not a package of its own (`acme/sync/`)."""
    spelled = "[-_]".join(re.escape(word) for word in project.split("-"))
    prefix = re.compile(rf"(?:^|/){spelled}[-_][^/]", re.I)
    return any(prefix.search(path) for path, _ in group.items)


def _host_beside(key: str, groups: dict[str, G]) -> str | None:
    """The one host spelled in the directory that holds all of a feature's files and is
    named like it (`Indexers/Quill/QuillSettings.cs: BaseUrl = "https://quill.example"`
    beside `QuillRequestGenerator.cs` calling `Settings.BaseUrl`): the feature calls it."""
    folders = {path.rpartition("/")[0] for path, _ in groups[key].items}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    named = _directory_feature(folder + "/x")
    own = [w for w in key[len(LONGTAIL_FEATURE) :].split("-") if w not in GENERIC_WORDS]
    if not named or own[: len(named.split("-"))] != named.split("-"):
        return None  # a flat directory of many features (`src/api/`) names none of them
    hosts = {
        other
        for other, group in groups.items()
        if other.startswith(LONGTAIL_HOST)
        and any(
            f.kind == "url" and f.runtime and path.rpartition("/")[0] == folder
            for path, f in group.items
        )
    }
    return hosts.pop() if len(hosts) == 1 else None


def _directory_feature(relpath: str) -> str | None:
    """The name of the nearest directory above a file that is named by more than roles:
    `app/Values/Podcast/EpisodePlayable.php` -> `podcast`."""
    for directory in reversed(relpath.split("/")[:-1]):
        parts = [w for w in name_words(directory) if w not in GENERIC_WORDS]
        if parts:
            return "-".join(parts)
    return None


def _join_by_directory(groups: dict[str, G]) -> None:
    """Move each feature file whose nearest meaningful directory names another feature
    into that feature: the directory is the feature, the file one of its parts. Only the
    nearest such directory: a far one (`MediaBrowser.Providers/`) is a project, not a
    feature. A plural directory names its singular feature and the other way round."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if key.startswith(LONGTAIL_FEATURE):
            by_stem[key[len(LONGTAIL_FEATURE) :].removesuffix("s")].append(key)
    for key in groups:  # a catalog system the directory is named after (`Auth/Oidc/`)
        if not key.startswith(LONGTAIL_PREFIXES) and key not in UMBRELLA_WORDS:
            by_stem.setdefault(key.removesuffix("s"), [key])
    # read before any file moves: folding a sibling first must not change the answer
    named_by_directory = {key: _named_by_its_directory(g) for key, g in groups.items()}
    for key in sorted(k for k in groups if k.startswith(LONGTAIL_FEATURE)):
        for path in sorted({p for p, _ in groups[key].items}):
            directory = _directory_feature(path)
            targets = by_stem.get(directory.removesuffix("s"), []) if directory else []
            if len(targets) != 1 or targets[0] == key or targets[0] not in groups:
                continue
            if directory and _kind_of(key[len(LONGTAIL_FEATURE) :], directory):
                continue  # `Arr/SonarrClient` beside `Arr/ArrClient`: a member, not a part
            if _among_roles(path) and named_by_directory[targets[0]]:
                continue  # `InfoSystem/Providers/CanopyProvider` beside `../GenericProvider`
            groups[targets[0]].items.extend(i for i in groups[key].items if i[0] == path)
            groups[key].items = [i for i in groups[key].items if i[0] != path]
        if not groups[key].items:
            del groups[key]


def _among_roles(path: str) -> bool:
    """The file sits in a directory named only by roles (`Providers/`, `Services/`): modules of
    many systems side by side, whose meaningful directory further up names none of them."""
    folder = path.rpartition("/")[0].rpartition("/")[2]
    return bool(folder) and all(w in GENERIC_WORDS for w in name_words(folder))


def _named_by_its_directory(group: Group) -> bool:
    """A feature whose files' own names are only roles (`GenericWebProvider.php`), so that it
    bears the name of their directory: the directory's name, not a feature the others are
    parts of."""
    stems = {path.rpartition("/")[2].partition(".")[0] for path, _ in group.items}
    return bool(stems) and all(w in GENERIC_WORDS for s in stems for w in name_words(s))


def _kind_of(name: str, directory: str) -> bool:
    """A feature named by one word before what its directory names, fused or not (`sonarr`
    in `Arr/`, `octoprint` in `print/`, `pushcat-notifier` in `notifier/`): a system of that
    family, the directory's own feature their shared base. A verb's prefix names a step of
    the directory's feature, no kind of it (`resync` in `Sync/`, `undo-share-pipeline` in
    `SharePipeline/`)."""
    family = directory.replace("-", "").removesuffix("s")
    flat = name.removesuffix("s")
    if len(family) < 3 or not flat.replace("-", "").endswith(family):
        return False
    cut, letters = len(flat), 0
    while letters < len(family):  # back over the family's letters, separators too
        cut -= 1
        letters += flat[cut] != "-"
    prefix = flat[:cut].rstrip("-")
    return bool(prefix) and "-" not in prefix and prefix not in _STEP_PREFIXES | GENERIC_WORDS


# Prefixes that make a step of an action (`Resync`, `Prefetch`, `Download`, `UndoShare`).
_STEP_PREFIXES = frozenset("re pre un de dis down up over under out sub undo redo auto".split())


def _default_of_setting(name: str, groups: dict[str, G]) -> str | None:
    """The system whose URL evidence assigns this setting a literal default."""
    flat = name.replace("-", "")
    if len(flat) < 6:
        return None
    pattern = re.compile(re.escape(flat) + _SETTING_SUFFIX)
    found = {
        key
        for key, group in groups.items()
        if not key.startswith(LONGTAIL_FEATURE)
        for _, finding in group.items
        if finding.kind == "url" and pattern.search(_ALNUM.sub("", finding.snippet.lower()))
    }
    return found.pop() if len(found) == 1 else None


def _word_anchors(group: Group, word: str) -> set[str]:
    """The directories above the group's files whose name starts with `word`, and the
    files' own directories (`TunerHosts/M3uParser.cs` beside `TunerHosts/M3UTunerHost.cs`)."""
    anchors: set[str] = set()
    for path, _ in group.items:
        dirs = path.split("/")[:-1]
        anchors.add("/".join(dirs) + "/")
        for depth, directory in enumerate(dirs):
            parts = [w for w in name_words(directory) if w not in GENERIC_WORDS]
            if parts[:1] == [word]:
                anchors.add("/".join(dirs[: depth + 1]))
    return anchors


# A sign-in protocol shared by features says how they sign in, not to what: `oauth-gitea`
# and `oauth-writeas` are two providers.
_PROTOCOL_WORDS = frozenset("oauth oauth2 oidc openid saml sso".split())


def _merge_by_first_word(groups: dict[str, G], project_names: frozenset[str]) -> None:
    by_word: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if key.startswith(LONGTAIL_FEATURE):
            first = key[len(LONGTAIL_FEATURE) :].split("-", 1)[0]
            # the project's own name starts the names of its crates and packages
            # (`atuin-ai`, `atuin-client`): it joins no features
            if (
                len(first) >= 3
                and first not in GENERIC_WORDS
                and first not in _PROTOCOL_WORDS
                and first not in project_names
            ):
                by_word[first].append(key)
    for word, keys in by_word.items():
        if len(keys) < 2:
            continue
        target = LONGTAIL_FEATURE + word
        if target in keys:  # a feature named by the word alone (`billing`) holds the others
            for key in sorted(keys):
                if key != target:
                    _move(groups, key, target)
            continue
        by_anchor: dict[str, list[str]] = defaultdict(list)
        for key in sorted(keys):
            for anchor in _word_anchors(groups[key], word):
                by_anchor[anchor].append(key)
        for anchor in sorted(by_anchor):
            members = [k for k in by_anchor[anchor] if k in groups]
            if len(members) < 2:
                continue
            for key in members:
                if key != target:
                    _move(groups, key, target)


def _move(groups: dict[str, G], source: str, target: str) -> None:
    moved = groups.pop(source)
    if target not in groups:
        groups[target] = moved
        return
    groups[target].items.extend(moved.items)
    groups[target].aliases.update(moved.aliases)


def _system_name(key: str) -> str:
    """The name a group goes by, without separators: a catalog id or a feature's name."""
    if key.startswith(LONGTAIL_FEATURE):
        name = key[len(LONGTAIL_FEATURE) :]
    elif key.startswith(LONGTAIL_PREFIXES):
        return ""
    else:
        name = key
    return _ALNUM.sub("", name.lower())


# Word endings that leave a system's name the same (`webhook-alarm` beside `webhooks`),
# taken off names of six letters or more.
_ENDING = re.compile(r"(?<=\w{5})(?:ions?|ers?|ing|es|e|s)$")


def _stem(name: str) -> str:
    return _ENDING.sub("", name)


def _fold_into_named_system(groups: dict[str, G]) -> None:
    # A feature names a system when a host the project calls bears its name (`wakatime`
    # beside `api.wakatime.com`); role words (`auth`, `connection`) name none.
    hosts = {
        _ALNUM.sub("", registrable_name(k[len(LONGTAIL_HOST) :]))
        for k in groups
        if k.startswith(LONGTAIL_HOST)
    }
    names: dict[str, set[str]] = defaultdict(set)
    for key in groups:
        name = _system_name(key)
        if key.startswith(LONGTAIL_FEATURE) and name not in hosts:
            continue
        if len(name) >= 4 and name not in GENERIC_WORDS and name not in UMBRELLA_WORDS:
            names[_stem(name)].add(key)
    for key in sorted(k for k in groups if k.startswith(LONGTAIL_FEATURE)):
        parts = key[len(LONGTAIL_FEATURE) :].split("-")
        runs = {
            _stem("".join(parts[i:j]))
            for i in range(len(parts))
            for j in range(i + 1, len(parts) + 1)
            if j - i < len(parts)  # a part of the name, not all of it
        }
        targets = {t for run in runs for t in names.get(run, ()) if t != key and t in groups}
        if len({_stem(_system_name(t)) for t in targets}) == 1:
            # one system, maybe under two keys: its catalog entry before its feature
            _move(groups, key, min(targets, key=lambda t: (t.startswith(LONGTAIL_PREFIXES), t)))
