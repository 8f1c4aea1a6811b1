"""The declared type of a receiver, read from the calling file's text.

`$this->http->get()` in a class that declares `private readonly SafeHttp $http` calls
SafeHttp's `get`: a field, property or constructor parameter declared with a type (or
assigned a construction, `self.http = SafeHttp()`) names the class whose methods the
call reaches. Only what the file declares is used; a name declared with several types
gives all of them and the caller's ambiguity rules decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import PurePosixPath

from integration_risk.resilience.languages import family_of

# A type as written: a qualified name's last part (`App\Net\SafeHttp`, `net.SafeHttp`,
# `crate::net::SafeHttp`), behind a reference or a transparent holder (`&`, `Arc<`, `Optional[`).
_TYPE = (
    r"(?:&(?:'\w+[ \t]+)?(?:mut[ \t]+)?|\*)?"
    r"(?:(?:Arc|Rc|Box|Option|Optional|Mutex|RwLock|Lazy)[<\[])*"
    r"\??\\?(?:[A-Za-z_]\w*(?:\\|::|\.))*"
)
# Declarations of a receiver NAME with its type in group 1, per language family
# (`languages.family_of`: whose files a class's base classes may be written in).
_CAPITALIZED = rf"{_TYPE}([A-Z]\w*)"
_COLON_TYPED = rf"\b{{name}}[ \t]*[?!]?[ \t]*:[ \t]*{_CAPITALIZED}"  # name: Type
_DECLARATIONS: dict[str, tuple[str, ...]] = {
    "php": (
        # typed property, promoted constructor property, typed parameter: `SafeHttp $http`
        rf"(?<![\w$>]){_CAPITALIZED}[ \t]+&?\${{name}}\b",
        # `/** @var SafeHttp */ private $http;`
        rf"@var[ \t]+{_CAPITALIZED}(?:\|null)?[ \t]*\*/\s*(?:(?:public|protected|private|static|var)[ \t]+)+\${{name}}\b",
        # from the container: `$this->http = app(SafeHttp::class);`
        rf"\b{{name}}[ \t]*=[ \t]*[^;\n]*?\([ \t]*{_CAPITALIZED}::class[ \t]*\)",
    ),
    # Java and C#: field, parameter or property: `private final SafeHttp http;`, `ISafeHttp _http)`
    "java": (
        rf"(?<![\w.]){_CAPITALIZED}(?:<[^<>;=()\n]*>)?(?:\[\])?\??[ \t]+{{name}}[ \t]*[;=,){{]",
        # from the container: `http = ctx.getBean(SafeHttp.class)`, `GetRequiredService<SafeHttp>()`
        rf"\b{{name}}[ \t]*=[ \t]*[^;\n]*?(?:getBean\([ \t]*{_CAPITALIZED}\.class|Service<{_CAPITALIZED}>\()",
        # Kotlin: `val http: SafeHttp` (a Kotlin class may extend a Java one, and the reverse)
        _COLON_TYPED,
    ),
    # `private readonly http: SafeHttp`, `http: SafeHttp`
    "javascript": (_COLON_TYPED,),
    "python": (_COLON_TYPED,),
    "rust": (_COLON_TYPED,),
    # struct field or parameter `http *SafeHttp` (Go types may start in lower case)
    "go": (
        rf"(?m)^[ \t]*{{name}}[ \t]+{_TYPE}([A-Za-z_]\w*)[ \t]*(?:`[^`\n]*`)?[ \t]*(?://.*)?$",
        rf"[(,][ \t]*{{name}}[ \t]+{_TYPE}([A-Za-z_]\w*)[ \t]*[,)]",
    ),
    "ruby": (),
    "elixir": (),
}
# `self.http = SafeHttp(...)`, `$this->http = new SafeHttp(...)`, `@http = SafeHttp.new`
_CONSTRUCTED = (
    rf"(?:(?:self|this|\$this)[ \t]*(?:\.|->)[ \t]*|@)?\$?{{name}}[ \t]*=[ \t]*(?:new[ \t]+)?"
    rf"{_CAPITALIZED}[ \t]*(?:\(|\.new\b|::new\b|\{{)"
)
# `$this->http = $client;`, `self.http = client`, `_http = http;`: the type of the other name.
_ALIASED = (
    r"(?m)^[ \t]*(?:(?:self|this|\$this)[ \t]*(?:\.|->)[ \t]*|@)?\$?{name}[ \t]*=[ \t]*"
    r"\$?([a-z_]\w*)[ \t]*;?[ \t]*$"
)
# Words a pattern can take for a type that are none (Go's builtins, PHP's `static`).
_NOT_TYPES = frozenset(
    "string int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 float32 float64 bool "
    "byte rune error any interface struct func map chan static self".split()
)
MAX_TYPES = 3


def declared_types(text: str, language: str, name: str) -> list[str]:
    """The type names the file declares for receiver `name`, in order of appearance: an
    interface `ISafeHttp` also gives `SafeHttp` (the class that usually implements it)."""
    return list(_declared_types(text, language, name))


@lru_cache(maxsize=128)  # asked again for each site and scope in the file (str hashes are kept)
def _declared_types(text: str, language: str, name: str) -> tuple[str, ...]:
    found: list[str] = []
    for type_name in _declared(text, family_of(language), name.lstrip("$@")):
        found.append(type_name)
        if re.match(r"I[A-Z][a-z]", type_name):
            found.append(type_name[1:])
    return tuple(dict.fromkeys(found))[: MAX_TYPES * 2]


def _declared(text: str, family: str, name: str, follow_alias: bool = True) -> list[str]:
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        return []
    near = _around(text, name)
    types: list[str] = []
    for regex in _regexes(family, name):
        types += [next(g for g in m.groups() if g) for m in regex.finditer(near)]
    if not types and follow_alias:
        for alias in _regex(_ALIASED, name).findall(near):  # the alias is typed anywhere
            if alias != name:
                types += _declared(text, family, alias, follow_alias=False)
    unique = [t for t in dict.fromkeys(types) if t not in _NOT_TYPES]
    return unique if len(unique) <= MAX_TYPES else []


_LINES_BEFORE = 3  # a docblock's `@var Type */` stands above the property it types


def _around(text: str, name: str) -> str:
    """The lines of `text` that hold `name`, each with the lines just above it, in order;
    regions apart are joined by a line no pattern crosses. Every declaration pattern
    spells the name, and scanning only these lines keeps a long file from being read
    once per receiver by patterns that try at every capitalised word."""
    starts: list[int] = []
    at = text.find(name)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        for _ in range(_LINES_BEFORE):
            if start == 0:
                break
            start = text.rfind("\n", 0, start - 1) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        starts.append(start)
        starts.append(end)
        at = text.find(name, end)
    regions: list[tuple[int, int]] = []
    for start, end in zip(starts[::2], starts[1::2], strict=True):
        if regions and start <= regions[-1][1] + 1:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return "\n\x00\n".join(text[start:end] for start, end in regions)


def _regexes(family: str, name: str) -> list[re.Pattern[str]]:
    return [_regex(p, name) for p in (*_DECLARATIONS.get(family, ()), _CONSTRUCTED)]


@cache
def _regex(pattern: str, name: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{name}", re.escape(name)))


# `class Slack(HttpTransport):`, `class Slack extends HttpTransport`, `class Slack : Base`,
# `class Slack < Base`: the base class names a file's classes inherit methods from.
_BASES = re.compile(
    r"^[ \t]*(?:[\w \t]*\b)?class[ \t]+\w+(?:<[^>\n]*>)?[ \t]*"
    r"(?:\(([^)\n]*)\)|extends[ \t]+([\w.\\]+)|:[ \t]*([\w.]+)|<[ \t]*([\w:]+))",
    re.MULTILINE,
)


def base_classes(text: str) -> set[str]:
    found: set[str] = set()
    for match in _BASES.finditer(text):
        for group in match.groups():
            for name in (group or "").split(","):
                short = re.split(r"[.:\\]+", name.strip())[-1]
                if re.fullmatch(r"[A-Z]\w*", short) and short != "object":
                    found.add(short)
    return found


@cache
def type_declaration(type_name: str) -> re.Pattern[str]:
    """A class, interface, struct, Go type or Rust impl declaring `type_name`."""
    keyword = r"class|interface|struct|record|object|trait|enum|type|impl(?:<[^>\n]*>)?|for"
    return re.compile(rf"\b(?:{keyword})[ \t]+{re.escape(type_name)}\b")


def inherited_types(
    text: str, language: str, name: str, declaring: Callable[[str], list[str]]
) -> list[str]:
    """A field the class inherits (`protected RetryableRestTemplate restTemplate;` in the
    `API` base class `AppAPI extends API` uses): the type a project base class declares for
    `name`, up to two levels up. `declaring(base)` gives the texts of files declaring it."""
    seen: set[str] = set()
    texts = [text]
    for _ in range(2):
        bases = {b for t in texts for b in base_classes(t)} - seen
        seen |= bases
        texts = [t for base in sorted(bases) for t in declaring(base)]
        for base_text in texts:
            types = declared_types(base_text, language, name)
            if types:
                return types
    return []


def module_named(path: str, owner: str) -> bool:
    """Is `path` the module or package a receiver names (`httpx` -> internal/httpx/post.go,
    `Mailer` -> server/emails/mailer.tsx)?"""
    wanted = re.sub(r"[^a-z0-9]", "", owner.lower())
    pure = PurePosixPath(path)
    names = {pure.stem, pure.parent.name}
    return any(re.sub(r"[^a-z0-9]", "", n.lower()) == wanted for n in names if n)
