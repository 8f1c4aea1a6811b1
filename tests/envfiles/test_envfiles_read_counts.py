"""The read counting both the key list and the used-but-undefined list rest on."""

from __future__ import annotations

from integration_risk.envfiles.crosscheck import read_counts, used_but_undefined


def test_read_counts_counts_each_name_and_keeps_its_first_read() -> None:
    reads = [("API_URL", "a.py", 3), ("DB_URL", "b.py", 9), ("API_URL", "c.py", 1)]
    assert read_counts(reads) == {"API_URL": (2, "a.py:3"), "DB_URL": (1, "b.py:9")}


def test_used_but_undefined_leaves_out_defined_and_os_names() -> None:
    reads = [
        ("HOME", "a.py", 1),
        ("API_URL", "a.py", 2),
        ("TOKEN", "b.py", 4),
        ("TOKEN", "a.py", 7),
    ]
    found = used_but_undefined(reads, defined={"API_URL"})
    assert [(u.name, u.reads, u.first_read) for u in found] == [("TOKEN", 2, "b.py:4")]
