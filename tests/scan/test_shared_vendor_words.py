"""Words more than one vendor uses are no evidence of one of them (review 27 H3-H5, M5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.trees import scan, write

CASES = {
    # Azure's Schema Registry client has the class name of Confluent's Python client.
    "azure-schema-registry": (
        {
            "app/schemas.py": "from azure.schemaregistry import SchemaRegistryClient\n\n"
            "registry = SchemaRegistryClient(fully_qualified_namespace=ns, credential=cred)\n",
            "app/settings.py": "import os\n\nREGISTRY = os.environ['SCHEMA_REGISTRY_URL']\n",
        },
        "confluent-schema-registry",
    ),
    # MSA: multiple sequence alignment here, not a Microsoft account.
    "msa-acronym": (
        {"app/align.py": "import os\n\nALIGNER = os.environ['MSA_API_URL']\n"},
        "microsoft-account",
    ),
    # InstantSearch is a UI over the search client the app passes it: here Typesense's.
    "instantsearch-over-typesense": (
        {
            "package.json": '{"dependencies": {"react-instantsearch": "^7.0.0",'
            ' "typesense-instantsearch-adapter": "^2.8.0"}}\n',
            "src/Search.jsx": "import { InstantSearch } from 'react-instantsearch';\n"
            "import TypesenseInstantSearchAdapter from 'typesense-instantsearch-adapter';\n\n"
            "const adapter = new TypesenseInstantSearchAdapter({ server: config });\n"
            "export const Search = () => <InstantSearch searchClient={adapter.searchClient} />;\n",
        },
        "algolia",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_shared_word_names_no_vendor(tmp_path: Path, case: str) -> None:
    files, not_found = CASES[case]
    write(tmp_path, files)
    assert not_found not in scan(tmp_path)
