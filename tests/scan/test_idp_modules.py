"""Sign-in libraries with one module per identity provider: the module names the provider."""

from __future__ import annotations

from pathlib import Path

from integration_risk.catalog.index import catalog_index
from integration_risk.scan.findings import LONGTAIL_IDP
from integration_risk.scan.idp_modules import identity_provider
from tests.scan.trees import scan, write


def test_module_segments_resolve_to_catalog_ids_or_own_names() -> None:
    index = catalog_index()
    assert identity_provider("next-auth/providers/github", index) == "github"
    assert identity_provider("@auth/core/providers/gitlab", index) == "gitlab"
    assert identity_provider("github.com/markbates/goth/providers/discord", index) == "discord"
    assert (
        identity_provider("social_core.backends.zyxprovider", index) == LONGTAIL_IDP + "zyxprovider"
    )
    assert identity_provider("next-auth/providers/osu-lazer", index) == LONGTAIL_IDP + "osu-lazer"


def test_sign_in_without_a_third_party_and_other_modules_are_not_providers() -> None:
    index = catalog_index()
    for module in (
        "next-auth/providers/credentials",
        "next-auth/providers/email",
        "next-auth/providers",
        "next-auth/react",
        "./providers/github",
        "github.com/markbates/goth",
    ):
        assert identity_provider(module, index) is None, module


def test_next_auth_app_reports_each_imported_provider(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/auth.ts": (
                'import NextAuth from "next-auth";\n'
                'import Credentials from "next-auth/providers/credentials";\n'
                'import GitLab from "next-auth/providers/gitlab";\n'
                'import Zyx from "next-auth/providers/zyxsignon";\n'
                "export const providers = [Credentials({}), GitLab({}), Zyx({})];\n"
            ),
            "auth/oauth.go": (
                'package auth\n\nimport (\n\t"github.com/markbates/goth/providers/bitbucket"\n)\n'
            ),
        },
    )
    found = scan(tmp_path)
    assert found["gitlab"].confidence >= 0.3
    assert found["zyxsignon"].category == "auth" and found["zyxsignon"].confidence >= 0.3
    assert not found["zyxsignon"].in_catalog
    assert found["bitbucket"].confidence >= 0.3
    assert "credentials" not in found


def test_a_module_the_catalog_lists_keeps_its_catalog_provider(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"app/mail_oauth.py": "from httpx_oauth.clients.microsoft import MicrosoftGraphOAuth2\n"},
    )
    found = scan(tmp_path)
    assert "azure-ad" in found and "microsoft" not in found
