"""A finding for an environment variable or config key the code names: the provider the
catalog knows by that name, or a long-tail system a connection setting names."""

from __future__ import annotations

import re

from integration_risk.catalog.index import CatalogIndex
from integration_risk.scan import longtail
from integration_risk.scan.findings import LONGTAIL_NAME
from integration_risk.scan.url_findings import Add

# An SMTP login field given a value: Rails `smtp_settings = { user_name: ENV[..], password: ..`,
# Django `EMAIL_HOST_USER = env(..)` (a vendor's HTTP API takes an API key or token instead).
# The field's value runs to the next `,` or `}` (`username: 'api', key: ENV[..]` is an API
# client's: the vendor's key is not the login's value).
_SMTP_LOGIN_FIELD = re.compile(
    r"(?i)(?:^|[\s{,(\[])[:'\"]?(?:user_?name|password|email_host_\w+)['\"]?\s*(?:=>|:|=)"
    r"([^,}]*)"
)


def _smtp_login(env_name: str, line_text: str) -> bool:
    return any(env_name in value for value in _SMTP_LOGIN_FIELD.findall(line_text))


def env_name_finding(
    env_name: str,
    offset: int,
    index: CatalogIndex,
    add: Add,
    kind: str,
    line: int = 0,
    line_text: str = "",
) -> None:
    provider = index.env_provider(env_name)
    # `MAILGUN_SMTP_LOGIN`, `user_name: ENV["SENDINBLUE_EMAIL"]`: the vendor's relay, reached
    # as an SMTP host
    if (
        provider
        and index.categories.get(provider) == "email"
        and ("_SMTP_" in f"_{env_name}_" or _smtp_login(env_name, line_text))
    ):
        provider = "smtp"
    if provider is None and longtail.has_connection_suffix(env_name):
        provider = next(
            (index.words[w] for w in longtail.env_words(env_name) if w in index.words), None
        )
        if provider is None:
            system = longtail.system_of_url_setting(env_name)
            provider = LONGTAIL_NAME + system if system else None
    if provider:
        add(provider, kind, offset, line=line)
