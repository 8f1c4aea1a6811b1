"""Infrastructure evidence: container images (compose, Kubernetes, Helm, CI services,
Dockerfiles) and Terraform resource types."""

from __future__ import annotations

import re
from collections.abc import Iterator

# `image: postgres:16`, `image: "bitnami/redis"`, Helm `repository: bitnami/redis`
_YAML_IMAGE = re.compile(r"^[ \t-]*(?:image|repository)[ \t]*:[ \t]*['\"]?([\w./:@\-]+)", re.M)
_DOCKERFILE_FROM = re.compile(
    r"^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?([\w./:@\-]+)", re.M | re.I
)
# resource "aws_s3_bucket" "x" / data "google_..." / provider "aws"
_TF_RESOURCE = re.compile(r"^[ \t]*(?:resource|data)[ \t]+\"([a-z0-9_]+)\"", re.M)

YAML_SUFFIXES = (".yml", ".yaml")


def is_dockerfile(name: str) -> bool:
    return name.startswith(("Dockerfile", "Containerfile")) or name.endswith(".dockerfile")


def images(text: str, name: str) -> Iterator[tuple[str, int]]:
    """(image reference, offset) from YAML manifests and Dockerfiles."""
    if name.endswith(YAML_SUFFIXES):
        if "image" not in text and "repository" not in text:
            return
        pattern = _YAML_IMAGE
    elif is_dockerfile(name):
        pattern = _DOCKERFILE_FROM
    else:
        return
    for match in pattern.finditer(text):
        value = match.group(1)
        if "{{" not in value and "$" not in value:
            yield value, match.start(1)


def terraform_resources(text: str) -> Iterator[tuple[str, int]]:
    for match in _TF_RESOURCE.finditer(text):
        yield match.group(1), match.start(1)
