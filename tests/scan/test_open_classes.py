"""Miss classes the held-out rounds left open, each checked on a small synthetic tree:
AWS services named through a project's own client factory."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write

_AWS_FACTORY = """import boto3


def aws_client(service):
    def decorator(f):
        def wrapped(*args, **kwargs):
            kwargs["client"] = boto3.Session().client(service)
            return f(*args, **kwargs)

        return wrapped

    return decorator
"""


def test_aws_service_named_at_a_project_client_factory(tmp_path: Path) -> None:
    # the service's name is passed to the project's decorator, whose body calls
    # `session.client(service)`; aiobotocore's `create_client("sqs")` names one too
    write(
        tmp_path,
        {
            "requirements.txt": "boto3\naiobotocore\n",
            "app/aws.py": _AWS_FACTORY,
            "app/archive.py": "from .aws import aws_client\n\n\n"
            '@aws_client("s3")\ndef store(bucket, body, **kwargs):\n'
            '    kwargs["client"].put_object(Bucket=bucket, Body=body)\n\n\n'
            '@aws_client("elbv2")\ndef balancers(**kwargs):\n'
            '    return kwargs["client"].describe_load_balancers()\n',
            "app/notify.py": "from aiobotocore.session import get_session\n\n\n"
            "async def push(body):\n"
            '    async with get_session().create_client("sqs") as client:\n'
            '        await client.send_message(QueueUrl="q", MessageBody=body)\n',
        },
    )
    found = scan(tmp_path)
    assert ("app/archive.py", 4) in {(e.path, e.line) for e in found["s3"].evidence}
    assert ("app/archive.py", 9) in {(e.path, e.line) for e in found["aws-elb"].evidence}
    assert ("app/notify.py", 5) in {(e.path, e.line) for e in found["sqs"].evidence}


def test_a_factory_name_outside_python_or_a_non_aws_name_is_no_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/cache.js": 'const conn = getClient("s3");\nmodule.exports = conn;\n',
            "app/store.py": 'store = get_client("blobs")\n',
        },
    )
    found = scan(tmp_path)
    assert "s3" not in found
