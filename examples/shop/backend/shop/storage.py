"""PDF invoices stored in Amazon S3."""

import os

import boto3
from botocore.config import Config

s3 = boto3.client(
    "s3",
    region_name=os.environ.get("AWS_REGION", "eu-west-1"),
    config=Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 5, "mode": "standard"}),
)
BUCKET = os.environ["INVOICE_BUCKET"]


def store_invoice(order_id: str, pdf: bytes) -> str:
    key = f"invoices/{order_id}.pdf"
    s3.put_object(Bucket=BUCKET, Key=key, Body=pdf, ContentType="application/pdf")
    return key
