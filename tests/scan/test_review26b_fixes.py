"""Review 26b of the gen-s round: each rule narrowed where a reviewer's synthetic tree
showed it wrong."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write

_PY_POST = "import requests\n\n\ndef transmit(endpoint, frame):\n    return requests.post(endpoint, json=frame)\n"
_CONFIG = (
    "import os\n\n"
    'TRANSMISSION_INTERVAL = int(os.environ.get("TRANSMISSION_INTERVAL", "30"))\n'
    'TRANSMISSION_MODE = os.environ["TRANSMISSION_MODE"]\n'
)


def test_an_everyday_word_is_no_vendor_without_its_package(tmp_path: Path) -> None:
    write(tmp_path, {"telemetry/transmission.py": _PY_POST, "app/config.py": _CONFIG})
    found = scan(tmp_path)
    assert "transmission" in found and not found["transmission"].in_catalog, sorted(found)
    only_settings = tmp_path / "settings"
    write(only_settings, {"app/config.py": _CONFIG})
    assert "transmission" not in scan(only_settings)
    # with the client's package, the same file is the torrent client
    write(tmp_path, {"requirements.txt": "transmission-rpc==7.0\n"})
    found = scan(tmp_path)
    assert found["transmission"].in_catalog, sorted(found)
    assert "telemetry/transmission.py" in {e.path for e in found["transmission"].evidence}

