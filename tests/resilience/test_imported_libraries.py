"""The client library of a call is read from the import that binds the name it calls:
`AsyncClient` imported from httpx, `HeadObjectCommand` from `@aws-sdk/client-s3`."""

from __future__ import annotations

from integration_risk.models.scan import Evidence
from integration_risk.resilience import analyze_sites
from integration_risk.resilience.defaults import words_of
from integration_risk.resilience.imported import import_words, with_imports
from tests.conftest import TreeBuilder
from tests.resilience.test_fixture_verdicts import integration, verdict


def test_a_name_stands_for_the_words_of_its_import_line() -> None:
    text = "import os\nfrom httpx import AsyncClient, Response as R\nfrom app.ai import Bot\n"
    assert "httpx" in with_imports({"AsyncClient"}, text, "python")
    assert "httpx" in with_imports({"R"}, text, "python")
    assert "httpx" not in with_imports({"os", "from", "import"}, text, "python")
    assert import_words("x = 1\n", "python") == {}
    js = 'import S3, { HeadObjectCommand as Head } from "@aws-sdk/client-s3";\n'
    assert "@aws-sdk" in with_imports({"Head"}, js, "typescript")
    assert "@aws-sdk" in with_imports({"S3"}, js, "typescript")
    php = "use GuzzleHttp\\Client as Http;\n"
    assert "GuzzleHttp" in with_imports({"Http"}, php, "php")
    psr = "use Psr\\Http\\Client\\ClientInterface;\n"  # an interface names no library
    assert "Http" not in with_imports({"ClientInterface"}, psr, "php")


def test_a_package_scope_is_a_word() -> None:
    assert {"@aws-sdk", "client-s3", "s3"} <= words_of('from "@aws-sdk/client-s3"')


def test_python_client_imported_by_name_gets_its_library_default(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/images.py": (
                "from httpx import AsyncClient\n\n"
                "async def download(url):\n"
                "    async with AsyncClient() as client:\n"
                "        return await client.get(url)\n"
            )
        }
    )
    result = analyze_sites(root, [integration("images", "app/images.py", 5)], use_cache=False)
    site = next(s for s in result["images"].sites if s.line == 5)
    answer, reason = verdict(site, "timeout")
    assert answer == "yes" and reason.startswith("library default: httpx"), reason


def test_typescript_command_imported_from_the_aws_sdk_gets_its_retries(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "lib/exists.ts": (
                'import { HeadObjectCommand } from "@aws-sdk/client-s3";\n'
                'import store from "./store";\n\n'
                "export async function exists(key: string): Promise<boolean> {\n"
                "  await store.send(new HeadObjectCommand({ Bucket: 'b', Key: key }));\n"
                "  return true;\n"
                "}\n"
            )
        }
    )
    result = analyze_sites(root, [integration("s3", "lib/exists.ts", 5)], use_cache=False)
    site = next(s for s in result["s3"].sites if s.line == 5)
    answer, reason = verdict(site, "retry")
    assert answer == "yes" and "AWS SDK v3" in reason, reason


def test_test_helper_packages_are_no_call_sites(make_tree: TreeBuilder) -> None:
    code = 'package x\n\nimport "net/http"\n\nfunc Get() {\n\thttp.Get("https://api.example-pay.com")\n}\n'
    root = make_tree({"internal/testutil/pay/pay.go": code, "internal/pay/pay.go": code})
    helper = integration("example-pay", "internal/testutil/pay/pay.go", 6)
    real = integration("example-pay", "internal/pay/pay.go", 6)
    assert analyze_sites(root, [helper], use_cache=False)["example-pay"].sites == []
    assert analyze_sites(root, [real], use_cache=False)["example-pay"].sites


def test_a_go_import_binds_its_package_name_even_a_common_word(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "auth/github/login.go": (
                "package github\n\n"
                'import (\n\t"context"\n\t"net/http"\n\n\t"github.com/google/go-github/github"\n)\n\n'
                "func Login(endpoint string) error {\n"
                "\tclient, err := github.NewEnterpriseClient(endpoint, endpoint, &http.Client{})\n"
                "\tif err != nil {\n\t\treturn err\n\t}\n"
                '\t_, _, err = client.Users.Get(context.Background(), "")\n'
                "\treturn err\n}\n"
            )
        }
    )
    github = integration("github", "auth/github/login.go", 7)
    # the scan's import evidence binds the package
    github.evidence = [Evidence(path="auth/github/login.go", line=7, kind="import", snippet="")]
    result = analyze_sites(root, [github], use_cache=False)
    calls = {s.call for s in result["github"].sites}
    assert "github.NewEnterpriseClient" in calls, calls
    assert result["github"].resilience.verdicts["timeout"].verdict == "no"
