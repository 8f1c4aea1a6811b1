"""Google's discovery clients (Python googleapiclient, Node googleapis, PHP apiclient) reach
one API each, picked by name: the scan names that API, not only the umbrella Google entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.catalog.index import catalog_index
from integration_risk.scan.code import google_api_services
from tests.scan.trees import scan, write


@pytest.mark.parametrize(
    ("line", "language", "api"),
    [
        ("svc = build('gmail', 'v1', credentials=creds)", "python", "gmail"),
        ('svc = discovery.build(serviceName="drive", version="v3", http=h)', "python", "drive"),
        ('const cal = google.calendar({ version: "v3", auth: client });', "js", "calendar"),
        ("const c = google.calendar({\n  auth,\n  version: 'v3',\n});", "js", "calendar"),
        ("const sheets = google.sheets('v4');", "js", "sheets"),
        ("$drive = new Google_Service_Drive($client);", "php", "drive"),
        ("$cal = new \\Google\\Service\\Calendar($client);", "php", "calendar"),
    ],
)
def test_the_api_a_discovery_client_is_built_for(line: str, language: str, api: str) -> None:
    assert [name for name, _ in google_api_services(line, language)] == [api]


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("site = build('docs', out_dir)", "python"),  # a build step, no API version
        ("const g = google.accounts.id.initialize({ client_id });", "js"),
        ("const x = google.maps.LatLng(1, 2);", "js"),
    ],
)
def test_other_calls_named_alike_are_not_clients(line: str, language: str) -> None:
    assert list(google_api_services(line, language)) == []


def test_discovery_names_map_to_catalog_entries() -> None:
    index = catalog_index()
    assert index.google_api_provider("gmail") == "gmail"
    assert index.google_api_provider("calendar") == "google-calendar"
    assert index.google_api_provider("books") == "google-books"
    assert index.google_api_provider("oauth2") is None  # the umbrella entry already says it


def test_gmail_and_calendar_clients_beside_google_sign_in(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "google-api-python-client==2.100.0\n",
            "app/mail.py": "from googleapiclient.discovery import build\n\n"
            "def send(creds, body):\n"
            "    svc = build('gmail', 'v1', credentials=creds)\n"
            "    return svc.users().messages().send(userId='me', body=body).execute()\n",
            "web/calendar.ts": 'import { google } from "googleapis";\n\n'
            "export const calendar = (auth: unknown) =>\n"
            '  google.calendar({ version: "v3", auth });\n',
            "app/books.py": "import requests\n\n"
            "def find(q):\n"
            '    return requests.get("https://www.googleapis.com/books/v1/volumes?q=" + q, timeout=9)\n',
        },
    )
    found = scan(tmp_path)
    assert [(e.path, e.line) for e in found["gmail"].evidence] == [("app/mail.py", 4)]
    assert [(e.path, e.line) for e in found["google-calendar"].evidence] == [("web/calendar.ts", 4)]
    assert [(e.path, e.line) for e in found["google-books"].evidence] == [("app/books.py", 4)]
    assert "google" in found
