"""One splitter of a name into words (`namewords`), for the scan's feature names and its
demo-seeder file names alike. Before it, `scan/features.py` and `scan/testcode.py` each had
one: the table shows what the merged splitter answers on the names where they differed."""

from __future__ import annotations

import pytest

from integration_risk.namewords import name_words
from integration_risk.scan.testcode import is_test_path

# name -> words. The comment says what each old splitter answered where it differed:
# F = features.words, T = testcode's _NAME_WORD.
SPLITS = {
    "camelCase": ["camel", "case"],
    "ACRONYMWord": ["acronym", "word"],
    "snake_case": ["snake", "case"],
    "kebab-case": ["kebab", "case"],
    "dotted.names": ["dotted", "names"],
    "s3Client": ["s3", "client"],  # T: s, 3, client
    "AWS_S3_BUCKET": ["aws", "s3", "bucket"],  # T: aws, s, 3, bucket
    "OAuth2Provider": ["o", "auth2", "provider"],  # T: o, auth, 2, provider
    "v2": ["v2"],  # T: v, 2
    "base64Encode": ["base64", "encode"],  # T: base, 64, encode
    "EC2Instance": ["ec2", "instance"],  # F: ec2i, nstance; T: ec, 2, instance
    "AWS3Client": ["aws3", "client"],  # F: aws3c, lient; T: aws, 3, client
}


@pytest.mark.parametrize(("name", "expected"), SPLITS.items())
def test_name_words(name: str, expected: list[str]) -> None:
    assert name_words(name) == expected


# The demo-seeder rule reads a file name's words without their numbers. testcode's splitter
# made a number a word of its own, so `seed_demo_data_2` had a word outside the demo-data
# vocabulary and was app code; a numbered seeder or demo-data script is one like any other.
@pytest.mark.parametrize(
    "path",
    [
        "app/DemoSeeder2.php",
        "app/Demo2Seeder.php",
        "app/seed_demo_data2.py",
        "app/seed_demo_data_2.py",
        "app/2024_01_05_seed_demo_data.py",
    ],
)
def test_numbered_demo_seeders_are_test_code(path: str) -> None:
    assert is_test_path(path)


@pytest.mark.parametrize("path", ["app/sample1.py", "app/seed_2.py", "app/DemoService2.php"])
def test_a_number_is_no_demo_data_word(path: str) -> None:
    assert not is_test_path(path)
