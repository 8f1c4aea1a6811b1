"""General rules from the gen-v round of never-seen repositories (C#, Java, PHP), each
checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

from integration_risk.scan.code import called_classes
from tests.scan.trees import scan, write


def test_a_generic_class_is_built_with_its_type_arguments() -> None:
    text = (
        "var a = new SQSQueue<WorkItem>(options);\n"
        "var b = new AzureStorageQueue<Map<string, int>>(options);\n"
        "Queue<Job> c = new RedisQueue<>(options);\n"
        "if (count < Limit && Other > (x)) {}\n"
    )
    assert [name for name, _ in called_classes(text)] == [
        "SQSQueue",
        "AzureStorageQueue",
        "RedisQueue",
    ]


def test_a_generic_queue_of_a_catalog_class_is_that_provider(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Jobs/Queues.cs": "namespace Acme.Jobs;\n\npublic static class Queues\n{\n"
            "    public static object Create(Options o) => new SQSQueue<WorkItem>(o.Sqs);\n}\n",
        },
    )
    assert "sqs" in scan(tmp_path), sorted(scan(tmp_path))
