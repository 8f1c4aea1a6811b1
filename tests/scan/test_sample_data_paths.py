"""Test helpers, snapshot files and seed data hold URLs the running app never calls: the
scan marks them test code, in every ecosystem."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.testcode import is_test_path
from tests.scan.trees import scan, write


@pytest.mark.parametrize(
    "path",
    [
        "packages/test-helpers/src/mailbox.ts",
        "lib/test_helpers/stub_server.rb",
        "src/test-support/fake_api.py",
        "web/src/__snapshots__/Card.test.tsx.snap",
        "server/responses/.snapshots/Responses Album should match .JSON",
        "packages/database/prisma/seed/data.ts",
        "prisma/seed.ts",
        "db/seeds.rb",
        "db/seeds/users.rb",
    ],
)
def test_helpers_snapshots_and_seeds_are_not_the_app(path: str) -> None:
    assert is_test_path(path)


@pytest.mark.parametrize(
    "path",
    ["app/services/seed_importer.rb", "src/seedling/index.ts", "app/models/snapshots/store.rb"],
)
def test_app_code_named_like_them_is_still_the_app(path: str) -> None:
    assert not is_test_path(path)


def test_urls_in_seed_data_and_test_helpers_are_not_integrations(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "polls", "dependencies": {"next": "15.0.0"}}\n',
            "packages/database/prisma/seed/data.ts": "export const events = [\n"
            '  { title: "Standup", url: "https://zoom.us/j/1234567890" },\n];\n',
            "packages/test-helpers/src/inbox.ts": "export async function messages(base: string) {\n"
            "  return fetch(`${base}/api/v1/messages`);\n}\n",
        },
    )
    assert "zoom" not in scan(tmp_path)
