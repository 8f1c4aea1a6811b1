"""A URL whose first host label is built around a template (`api{env}.paypal.com`, C#,
JS, Ruby and Python interpolation alike) still names the vendor's domain; the catalog
says whose it is when all the hosts it knows under that domain are one provider's."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.catalog.index import catalog_index
from integration_risk.scan.urls import url_hits
from tests.scan.trees import scan, write


@pytest.mark.parametrize(
    "line",
    [
        'var r = await http.PostAsync($"https://api{settings.Sandbox}.paypal.com/v1/oauth2/token", body);',
        "const r = await fetch(`https://api${suffix}.paypal.com/v2/checkout/orders`, opts);",
        'res = HTTParty.post("https://api#{mode}.paypal.com/v1/payments/payment", body: b)',
        'r = requests.post(f"https://api{env}.paypal.com/v1/oauth2/token", data=d, timeout=5)',
    ],
)
def test_the_domain_after_a_partly_templated_label_is_read(line: str) -> None:
    partial = [h.host for h in url_hits(line) if h.partial]
    assert partial == ["paypal.com"]


def test_only_a_label_with_text_around_its_template_is_partial() -> None:
    assert [h for h in url_hits('u = f"https://{bucket}.s3.amazonaws.com/k"') if h.partial] == []
    assert [h for h in url_hits('u = "https://api.stripe.com/v1/{path}"') if h.partial] == []


def test_the_catalog_names_a_domain_only_when_one_provider_owns_it() -> None:
    index = catalog_index()
    assert index.domain_provider("paypal.com") == "paypal"
    assert index.domain_provider("amazonaws.com") is None  # many AWS services
    assert index.domain_provider("com") is None


def test_a_csharp_client_on_a_templated_paypal_host_is_paypal(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Shop/Shop.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
            "Shop/Payments/PaypalClient.cs": "public class PaypalClient {\n"
            "    private readonly HttpClient _http;\n"
            "    public Task<HttpResponseMessage> Token(string part, HttpContent body) =>\n"
            '        _http.PostAsync($"https://api{part}.paypal.com/v1/oauth2/token", body);\n'
            "}\n",
        },
    )
    found = scan(tmp_path)
    assert [(e.path, e.line) for e in found["paypal"].evidence] == [
        ("Shop/Payments/PaypalClient.cs", 4)
    ]


def test_an_unknown_domain_after_a_partly_templated_label_is_not_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/client.py": "import requests\n\n"
            "def ping(zone):\n"
            '    return requests.get(f"https://api-{zone}.rarely-heard-vendor.io/ping", timeout=5)\n',
        },
    )
    assert not any("rarely-heard-vendor" in name for name in scan(tmp_path))
