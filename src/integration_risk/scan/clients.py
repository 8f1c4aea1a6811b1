"""How an HTTP client comes to be in a file: built there (`httpx.Client(`, `Faraday.new`), or
extended by the file's own class (`class VictorOps(HttpTransport)`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.scan import gate

# A class extending an HTTP client or transport base (Python, Ruby, JS/TS, PHP, Java, C#), or
# a Ruby class that mixes HTTParty in (its `self.class.post(path)` sends the request).
HTTP_BASE = re.compile(
    r"\bclass\s+\w+\s*(?:\(\s*(?:[\w.]+\.)?|<\s*(?:\w+::)*|(?:extends|:)\s*(?:[\w.\\]+[.\\])?)"
    r"(?:Http|HTTP|Rest|REST)\w*(?:Transport|Client|DataSource|Service|Base|Api|Adapter)\b"
    r"|^[ \t]*include\s+HTTParty\b",
    re.M,
)

# Building an HTTP client: part of the feature when the same file calls a URL from data.
CLIENT_CONSTRUCTION = re.compile(
    r"reqwest::(?:Client::(?:new|builder)|ClientBuilder::new)\s*\(|\b\w*client_builder\s*\("
    r"|\bnew\s+HttpClient\s*\(|\bCreateClient\s*\(|\bHttpClient\.new(?:HttpClient|Builder)\s*\("
    r"|\bFaraday\.new\b|\bNet::HTTP\.(?:new|start)\b|\bnew\s+(?:\\?GuzzleHttp\\)?Client\s*\("
    r"|\baxios\.create\s*\(|\bgot\.extend\s*\(|&?http\.Client\s*\{"
    r"|\brequests\.Session\s*\(|\bhttpx\.(?:Async)?Client\s*\(|\baiohttp\.ClientSession\s*\("
    r"|\bnew\s+OkHttpClient\b|\bOkHttpClient\.Builder\s*\(|\bWebClient\.(?:create|builder)\s*\("
    r"|\bnew\s+RestTemplate\s*\(|\bTesla\.client\s*\(|\bReq\.new\s*\("
)


def http_subclass(whole: str) -> bool:
    """The file defines a class that extends an HTTP client or transport (`class
    VictorOps(HttpTransport)`, `extends RESTDataSource`): its own `self.post(x)` is HTTP."""
    if "class" not in whole or not any(w in whole for w in ("Http", "HTTP", "Rest", "REST")):
        return False  # a regex pass over the whole file only where it can match
    return HTTP_BASE.search(whole) is not None


def client_constructions(text: str) -> Iterator[int]:
    """Offsets where an HTTP client is built or configured."""
    for match in gate.finditer(CLIENT_CONSTRUCTION, text):
        yield match.start()
