"""General rules found on the fifteenth round of never-seen repositories (Python/Django,
Go), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.trees import scan, write

# The Wayback Machine is reached through its Python clients as often as by URL: a snapshot
# saved with `waybackpy`, an item uploaded with `internetarchive`.
_ARCHIVE_TREES = {
    "waybackpy": {
        "pyproject.toml": '[project]\nname = "shelf"\ndependencies = ["waybackpy>=3.0"]\n',
        "shelf/tasks.py": "import waybackpy\n\n\ndef snapshot(page_url, agent):\n"
        "    saver = waybackpy.WaybackMachineSaveAPI(page_url, agent, max_tries=1)\n"
        "    saver.save()\n    return saver.archive_url\n",
    },
    "internetarchive": {
        "requirements.txt": "internetarchive==5.0\n",
        "shelf/upload.py": "from internetarchive import upload\n\n\ndef push(identifier, path):\n"
        "    return upload(identifier, files=[path])\n",
    },
    "save-url": {
        "shelf/archive.py": "import requests\n\n\ndef save(page_url):\n"
        "    return requests.get('https://web.archive.org/save/' + page_url, timeout=30)\n",
    },
}


@pytest.mark.parametrize("tree", sorted(_ARCHIVE_TREES))
def test_the_wayback_machine_is_found_by_client_or_host(tmp_path: Path, tree: str) -> None:
    write(tmp_path, _ARCHIVE_TREES[tree])
    assert "internet-archive" in scan(tmp_path)
