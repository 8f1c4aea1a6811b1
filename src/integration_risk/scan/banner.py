"""A JavaScript file copied into the app from a library's release: its first comments are the
library's release banner (`/*! Satchel 0.15.5 (c) 2016 .. License: MIT */`)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_BANNER = re.compile(r"/\*(?:(?!\*/).){0,400}?\*/", re.S)
# a release version, not a date (`2016.01.05`) nor an address (`127.0.0.1`)
_VERSION = r"(?<![\w.])v?\d{1,3}\.\d{1,4}\.\d{1,5}(?![\d.])"
_BANNER_VERSION = re.compile(_VERSION)
_BANNER_NAME = re.compile(r"(@?[A-Za-z][\w.@/-]*)\s+" + _VERSION)
_BANNER_OWNER = re.compile(r"\(c\)|©|copyright", re.I)
_BANNER_LICENCE = re.compile(r"licen[cs]e", re.I)
# directories that hold what the app did not write, and a minified release's file name
_COPY_SEGMENTS = frozenset(
    {
        "vendor",
        "vendors",
        "third_party",
        "third-party",
        "thirdparty",
        "external",
        "externals",
        "bower_components",
        "lib",
        "libs",
        "dist",
        "plugins",
    }
)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@lru_cache(maxsize=8)
def _project_keys(root: str) -> frozenset[str]:
    from integration_risk.scan.report import project_names  # report imports the engine

    return frozenset(_key(n) for n in project_names(Path(root)))


def _library_name(banner: str) -> str | None:
    """The name before the release version (`acme-sdk v2.4.1`), or None for a tag
    (`@version 1.2.3`), which names no library."""
    match = _BANNER_NAME.search(banner)
    if not match or (match.group(1).startswith("@") and "/" not in match.group(1)):
        return None
    return match.group(1).rpartition("/")[2]


def copied_library(relpath: str, abspath: str, text: str) -> bool:
    """A release banner (a version, a copyright, a licence) in the first comments, and a second
    sign that the file is a copy: it sits in a vendor-like directory or is a `.min` file, or its
    path names the banner's library. A banner naming the project itself is the project's own."""
    if not relpath.endswith((".js", ".cjs", ".mjs")):
        return False
    for banner in _BANNER.finditer(text, 0, 600):
        words = banner.group(0)
        if not all(p.search(words) for p in (_BANNER_VERSION, _BANNER_OWNER, _BANNER_LICENCE)):
            continue
        name = _library_name(words)
        segments = relpath.lower().split("/")
        if name:
            root = abspath[: len(abspath) - len(relpath)]
            if _key(name) in _project_keys(root):
                return False
        copy_path = bool(_COPY_SEGMENTS.intersection(segments[:-1])) or ".min." in segments[-1]
        named_path = bool(name) and len(_key(name or "")) >= 3 and _key(name or "") in _key(relpath)
        return copy_path or named_path
    return False
