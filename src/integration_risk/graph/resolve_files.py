"""Module-style resolution: Python dotted names, JS/TS specifiers, Go import paths.

Each resolver answers an import with target files ([] for an external package,
which is not a graph edge) or None when the import looks local but names no
file (an unknown edge). `ImportResolver` answers for any Python or JS/TS file of a
list of paths: the graph's rules for an analysis without graph facts (the call-site
analysis follows an imported client to the module that builds it).
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Set

from integration_risk.catalog.index import normalise_package
from integration_risk.graph.facts import Import
from integration_risk.graph.jsconfig import TsConfig, tsconfigs, workspaces
from integration_risk.scan.languages import language_of
from integration_risk.scan.manifests import manifest_ecosystem, parse_manifest

JS_EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte")
# Imports of assets and data, not modules: never an edge, never unknown.
_ASSET = re.compile(
    r"\.(?:css|scss|sass|less|styl|svg|png|jpe?g|gif|webp|ico|json|md|mdx|html|txt|woff2?|graphql|gql|ya?ml)(?:\?.*)?$",
    re.I,
)
GO_PACKAGE = "/"  # Go package nodes are directories, written with a trailing slash
# Files the resolvers read: path aliases, workspace packages, module roots, PSR-4 maps,
# and Python's dependency manifests (a script's import of a declared package is the package).
CONFIG_NAMES = frozenset({"package.json", "go.mod", "composer.json"})


def is_config(name: str) -> bool:
    return (
        name in CONFIG_NAMES
        or (name.startswith(("tsconfig", "jsconfig")) and name.endswith(".json"))
        or manifest_ecosystem(name) == "pypi"
    )


class PythonResolver:
    def __init__(
        self,
        files: Set[str],
        excluded: Set[str] = frozenset(),
        scripts: Set[str] = frozenset(),
        declared: Set[str] = frozenset(),
    ) -> None:
        """`scripts`: files run as a script (an `if __name__ == "__main__":` guard);
        `declared`: the distributions the project's manifests declare (PEP 503 names)."""
        self.files = set(files)  # the Python files
        self.excluded = {rel for rel in excluded if rel.endswith(".py")}
        self.scripts = scripts
        self.declared = declared
        packages = {posixpath.dirname(rel) for rel in self.files if rel.endswith("/__init__.py")}
        self.modules: dict[str, list[str]] = defaultdict(list)
        self.suffixes: dict[str, list[str]] = defaultdict(list)
        for rel in sorted(self.files):
            parts = rel[: -len(".py")].split("/")
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if not parts:
                continue
            # The import root is the first ancestor that is not a package.
            start = len(parts) - 1
            while start > 0 and "/".join(parts[:start]) in packages:
                start -= 1
            self.modules[".".join(parts[start:])].append(rel)
            for k in range(len(parts) - 1):
                self.suffixes[".".join(parts[k:])].append(rel)

    def _module(self, importer: str, name: str) -> list[str]:
        # From its import root only: a script's own directory is one (the first directory
        # up that is no package), and Python 3 has no implicit relative import (`import
        # logging` in a package with its own logging.py imports the standard library).
        found = self.modules.get(name, [])
        if not found and "." in name:
            found = self.suffixes.get(name, [])
        if not found and importer in self.scripts:
            found = self._beside_script(importer, name)
        return _closest(importer, found)

    def _beside_script(self, importer: str, name: str) -> list[str]:
        """A script run as `python bot/main.py` has its own directory first on sys.path,
        package or not: `import db` there is bot/db.py. Not for a name of the standard
        library or of a declared distribution (`import logging`, `import celery` beside a
        celery.py that configures it), which a file also imported as a module means."""
        head = name.split(".")[0]
        if head in sys.stdlib_module_names or normalise_package("pypi", head) in self.declared:
            return []
        base = posixpath.join(posixpath.dirname(importer), *name.split("."))
        return [p for p in (base + ".py", base + "/__init__.py") if p in self.files]

    def resolve(self, importer: str, imp: Import) -> list[str] | None:
        spec = imp.spec
        if spec.startswith("."):
            return self._relative(importer, imp)
        targets = self._module(importer, spec)
        for name in imp.names:
            targets += self._module(importer, f"{spec}.{name}")
        return targets

    def _relative(self, importer: str, imp: Import) -> list[str] | None:
        dots = len(imp.spec) - len(imp.spec.lstrip("."))
        base = posixpath.dirname(importer)
        for _ in range(dots - 1):
            base = posixpath.dirname(base)
        rest = imp.spec[dots:]
        anchor = posixpath.join(base, *rest.split(".")) if rest else base
        targets = [p for p in (anchor + ".py", anchor + "/__init__.py") if p in self.files]
        for name in imp.names:
            sub = posixpath.join(anchor, name)
            targets += [p for p in (sub + ".py", sub + "/__init__.py") if p in self.files]
        if not targets and rest and not _exists_dir(anchor, self.files | self.excluded):
            return None
        return targets


def _exists_dir(directory: str, files: set[str]) -> bool:
    prefix = directory + "/"
    return any(rel.startswith(prefix) for rel in files)


def _closest(importer: str, candidates: list[str]) -> list[str]:
    """Of several files with the same module name, the one nearest the importer."""
    if len(candidates) <= 1:
        return list(candidates)

    def shared(path: str) -> int:
        return len(posixpath.commonpath([importer, path]).split("/")) if "/" in path else 0

    return [max(candidates, key=lambda p: (shared(p), -len(p)))]


class JsResolver:
    def __init__(self, files: Set[str], excluded: Set[str], configs: dict[str, str]) -> None:
        """`files`: the JS/TS files; `excluded`: files an import resolves to but that give
        no target (tests); `configs`: relpath -> abspath of `is_config` files."""
        self.files = set(files) | {rel for rel in excluded if rel.endswith(JS_EXTENSIONS)}
        self.excluded = excluded
        self.tsconfigs: dict[str, TsConfig] = tsconfigs(configs)
        self.workspaces = workspaces(configs)
        self._config_of: dict[str, TsConfig | None] = {}

    def _probe(self, base: str) -> str | None:
        base = posixpath.normpath(base)
        if base in self.files:
            return base
        stem, ext = posixpath.splitext(base)
        if ext in (".js", ".jsx", ".mjs", ".cjs"):  # TS sources imported by their output name
            for candidate in (".ts", ".tsx", ".mts", ".cts"):
                if stem + candidate in self.files:
                    return stem + candidate
        for candidate in JS_EXTENSIONS:
            if base + candidate in self.files:
                return base + candidate
        for candidate in JS_EXTENSIONS:
            if f"{base}/index{candidate}" in self.files:
                return f"{base}/index{candidate}"
        return None

    def _tsconfig(self, directory: str) -> TsConfig | None:
        if directory not in self._config_of:
            config = self.tsconfigs.get(directory)
            if config is None and directory:
                config = self._tsconfig(posixpath.dirname(directory))
            self._config_of[directory] = config
        return self._config_of[directory]

    def resolve(self, importer: str, imp: Import) -> list[str] | None:
        found = self._resolve(importer, imp)
        return found if found is None else [f for f in found if f not in self.excluded]

    def _resolve(self, importer: str, imp: Import) -> list[str] | None:
        spec = imp.spec.split("?")[0]
        if _ASSET.search(spec):
            return []
        if spec.startswith((".", "/")):
            found = self._probe(posixpath.join(posixpath.dirname(importer), spec))
            return [found] if found else None
        config = self._tsconfig(posixpath.dirname(importer))
        if config is not None:
            matched, aliased = self._alias(config, spec)
            if matched:
                return aliased
        return self._workspace(spec)

    def _alias(self, config: TsConfig, spec: str) -> tuple[bool, list[str] | None]:
        """(pattern matched, targets): a matching alias that names no file is unknown."""
        for pattern, targets in config.paths:
            head, star, tail = pattern.partition("*")
            if star:
                if not (
                    spec.startswith(head)
                    and spec.endswith(tail)
                    and len(spec) >= len(head) + len(tail)
                ):
                    continue
                middle = spec[len(head) : len(spec) - len(tail)]
            elif spec != pattern:
                continue
            else:
                middle = ""
            if all("node_modules" in target.split("/") for target in targets):
                return True, []  # an alias onto an installed package: external
            for target in targets:
                found = self._probe(target.replace("*", middle, 1))
                if found:
                    return True, [found]
            # `*` alone also covers node_modules packages, as TypeScript falls back to them.
            return True, (None if head else [])
        if config.base_url is not None:
            found = self._probe(posixpath.join(config.base_url, spec))
            if found:
                return True, [found]
        return False, None

    def _workspace(self, spec: str) -> list[str]:
        parts = spec.split("/")
        name_len = 2 if spec.startswith("@") else 1
        package = self.workspaces.get("/".join(parts[:name_len]))
        if package is None:
            return []  # an external package
        sub = "/".join(parts[name_len:])
        candidates = (
            [posixpath.join(package.directory, sub), posixpath.join(package.directory, "src", sub)]
            if sub
            else package.entries
        )
        for candidate in candidates:
            found = self._probe(candidate)
            if found:
                return [found]
        return []


class GoResolver:
    def __init__(self, files: Iterable[str], configs: dict[str, str]) -> None:
        self.packages: dict[str, list[str]] = defaultdict(list)
        for rel in files:  # the Go files
            self.packages[posixpath.dirname(rel)].append(rel)
        self.modules: list[tuple[str, str]] = []
        for rel, abspath in configs.items():
            if posixpath.basename(rel) == "go.mod":
                module = _go_module(abspath)
                if module:
                    self.modules.append((module, posixpath.dirname(rel)))
        self.modules.sort(key=lambda m: -len(m[0]))

    def resolve(self, importer: str, imp: Import) -> list[str] | None:
        target = self.directory(imp.spec)
        if target is None:
            return []  # another module's package
        return [package_node(target)] if target in self.packages else None

    def directory(self, spec: str) -> str | None:
        """The project directory an import path names by the go.mod module paths (the
        longest first), whether or not it holds Go files; None for another module's."""
        for module, directory in self.modules:
            if spec == module or spec.startswith(module + "/"):
                rest = spec[len(module) + 1 :]
                target = posixpath.join(directory, rest) if rest else directory
                return posixpath.normpath(target) if target else ""
        return None

    def package_members(self) -> dict[str, list[str]]:
        return {package_node(d): sorted(files) for d, files in self.packages.items()}


def package_node(directory: str) -> str:
    return (directory + GO_PACKAGE) if directory else "./"


_GO_MODULE = re.compile(r"^\s*module\s+(\S+)", re.M)


MAX_MANIFEST_BYTES = 1_000_000


def declared_distributions(configs: dict[str, str]) -> frozenset[str]:
    """The PyPI distributions the project's Python manifests declare (PEP 503 names)."""
    names: set[str] = set()
    for rel, abspath in configs.items():
        if manifest_ecosystem(rel) != "pypi":
            continue
        try:
            with open(abspath, encoding="utf-8", errors="replace") as handle:
                text = handle.read(MAX_MANIFEST_BYTES)
        except OSError:
            continue
        names.update(dep.name for dep in parse_manifest(rel, text).dependencies)
    return frozenset(names)


def _go_module(abspath: str) -> str | None:
    try:
        with open(abspath, encoding="utf-8", errors="replace") as handle:
            match = _GO_MODULE.search(handle.read())
    except OSError:
        return None
    return match.group(1).strip('"') if match else None


class ImportResolver:
    """The project files a Python, JS/TS or Go import names, by the graph's rules: module
    roots, relative imports, extensions and index files, TypeScript sources imported by
    their output name (`./client.js`), tsconfig/jsconfig `paths` and `baseUrl`, workspace
    packages; a Go import path's package directory under its go.mod module path (the
    package's files). `files` are the project's files, `configs` relpath -> abspath of its
    `is_config` files."""

    def __init__(self, files: Iterable[str], configs: dict[str, str]) -> None:
        by_language: dict[str, set[str]] = defaultdict(set)
        for rel in files:
            by_language[language_of(rel) or ""].add(rel)
        self.python = PythonResolver(by_language["python"])
        self.js = JsResolver(by_language["js"], frozenset(), configs)
        self.go = GoResolver(by_language["go"], configs)
        self._stems: list[tuple[str, str]] | None = None

    def resolve(self, importer: str, spec: str) -> list[str]:
        """The files `spec` names when `importer` imports it; [] for a package, a
        local-looking name that names no file, or an importer of another language.
        A JS/TS specifier these rules leave unresolved may be an alias only a bundler
        defines (Vite or webpack `alias`, an importmap pin): up to two project files
        whose path ends with its last two segments (`@app/lib/payments` ->
        `src/lib/payments.ts`)."""
        language = language_of(importer)
        found: list[str] | None = None
        if language == "python":
            found = self.python.resolve(importer, Import(0, spec))
        elif language == "js":
            found = self.js.resolve(importer, Import(0, spec))
            if not found and not spec.startswith((".", "/")):
                found = self._bundler_alias(spec)
        elif language == "go":
            target = self.go.directory(spec)
            found = sorted(self.go.packages.get(target, [])) if target is not None else []
        return found or []

    def _bundler_alias(self, spec: str) -> list[str]:
        segments = [s for s in spec.split("/") if s and not s.startswith(("@", "~"))]
        if len(segments) < 2:
            return []  # a package (`stripe`, `axios`), not a project module
        if self._stems is None:
            self._stems = [(_stem(p), p) for p in sorted(self.js.files)]
        tail = "/" + "/".join(segments[-2:])
        return [p for stem, p in self._stems if stem.endswith(tail)][:2]


def _stem(path: str) -> str:
    """A JS/TS file's module path: no extension, no `/index`."""
    stem = posixpath.splitext(path)[0]
    return stem[: -len("/index")] if stem.endswith("/index") else stem
