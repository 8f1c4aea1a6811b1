"""The words of a name written in code: one splitter for file names, directories, classes
and settings (`TmdbMovieProvider`, `rss_agent`, `seed-demo-data`, `AWS_S3_BUCKET`).

Digits stay with the word they follow, since they are part of a system's name (`s3Client`
-> s3, client; `OAuth2Provider` -> o, auth2, provider; `v2`), and a run of capitals ends
before the capitalised word that follows it (`ACRONYMWord`, `EC2Instance` -> ec2, instance).
"""

from __future__ import annotations

import re

# A capitals-and-digits run before a capitalised word, a (capitalised) lowercase word with
# its trailing digits, or any other capitals-and-digits run. `_`, `-`, `.` and the like
# separate words because no alternative matches them.
_WORD = re.compile(r"[A-Z0-9]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z0-9]+")


def name_words(name: str) -> list[str]:
    """`TmdbMovieImageProvider` -> [tmdb, movie, image, provider]; `rss_agent` -> [rss, agent]."""
    return [w.lower() for w in _WORD.findall(name)]
