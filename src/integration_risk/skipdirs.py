"""Directories never worth reading: the one list the scan walk and the env-file walk share.

`SKIPPED_DIRS` hold third-party, generated or tool state and are skipped by
every walk. The env-file walk (which must ignore .gitignore to find dotenv
files) additionally prunes `BUILD_OUTPUT_DIRS`: without .gitignore it cannot
tell a build output from source, and a dotenv file there is a copy. The scan
walk honours .gitignore, which excludes build outputs where they are outputs,
so it keeps those names readable (`build/` holds source in many repos).
"""

from __future__ import annotations

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "third_party",
        "third-party",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".next",
        ".nuxt",
        ".svelte-kit",
        ".turbo",
        ".yarn",
        ".gradle",
        ".idea",
        ".vscode",
        ".terraform",
        "Pods",
        "coverage",
        ".cache",
        "site-packages",
        "generated",
        "__generated__",
    }
)
# `env` is a virtualenv's usual name here; in a source tree it may hold config, which the
# scan walk must read.
BUILD_OUTPUT_DIRS = frozenset({"dist", "build", "target", "out", "env"})
