"""Event-driven XML reading with line numbers (expat, as xml.etree uses), safe
against entity tricks: a document that declares entities is refused."""

from __future__ import annotations

from collections.abc import Callable
from xml.parsers import expat

from integration_risk.scan.manifests.model import ManifestResult
from integration_risk.scan.manifests.text import failure

# start(path, attributes, line); end(path, text) where path ends with the element
StartHandler = Callable[[list[str], dict[str, str], int], None]
EndHandler = Callable[[list[str], str], None]


class _EntityDeclared(Exception):
    pass


def _refuse_entities(*_args: object) -> None:
    raise _EntityDeclared


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def walk_xml(
    relpath: str, text: str, start: StartHandler, end: EndHandler
) -> ManifestResult | None:
    """Feed every element to the handlers; a failed ManifestResult on bad XML, else None."""
    if not text.strip():
        return failure(relpath, "is empty")
    parser = expat.ParserCreate()
    path: list[str] = []
    texts: list[list[str]] = []

    def on_start(name: str, attrs: dict[str, str]) -> None:
        path.append(_local(name))
        texts.append([])
        start(path, attrs, parser.CurrentLineNumber)

    def on_end(_name: str) -> None:
        end(path, "".join(texts.pop()).strip())
        path.pop()

    def on_text(data: str) -> None:
        if texts:
            texts[-1].append(data)

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    parser.EntityDeclHandler = _refuse_entities
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        return failure(relpath, f"is not valid XML: line {exc.lineno}")
    except _EntityDeclared:
        return failure(relpath, "declares XML entities; not read")
    except RecursionError:
        return failure(relpath, "is not valid XML")
    return None
