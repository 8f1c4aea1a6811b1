"""ASP.NET Razor views (`.cshtml`, Blazor `.razor`) are where C# web apps put their
browser-side script tags: the scan reads them like any other HTML template."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.walk import is_readable_kind
from tests.scan.trees import scan, write


@pytest.mark.parametrize("name", ["_Layout.cshtml", "Index.CSHTML", "Counter.razor"])
def test_razor_views_are_read(name: str) -> None:
    assert is_readable_kind(name)


def test_script_tags_in_razor_views_are_browser_integrations(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
            "Web/Views/Shared/_Tracking.cshtml": '@{ var tag = "G-TEST1"; }\n'
            '<script async src="https://www.googletagmanager.com/gtag/js?id=@tag"></script>\n',
            "Web/Pages/Where.razor": '@page "/where"\n<p>Find us</p>\n'
            '<script src="https://maps.googleapis.com/maps/api/js?key=@Settings.Key"></script>\n',
        },
    )
    found = scan(tmp_path)
    assert [(e.path, e.line) for e in found["google-analytics"].evidence] == [
        ("Web/Views/Shared/_Tracking.cshtml", 2)
    ]
    assert [(e.path, e.line) for e in found["google-maps"].evidence] == [
        ("Web/Pages/Where.razor", 3)
    ]


def test_a_razor_view_without_remote_markup_adds_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Web/Views/Home/Index.cshtml": "@model HomeModel\n<h1>@Model.Title</h1>\n"
            '<a href="~/about">About</a>\n<script src="~/js/site.js"></script>\n',
        },
    )
    assert scan(tmp_path) == {}
