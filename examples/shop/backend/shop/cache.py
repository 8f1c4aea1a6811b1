"""Product cache in Redis; the database stays the source of truth."""

import json
import logging
import os

import redis

log = logging.getLogger(__name__)

client = redis.Redis.from_url(
    os.environ.get("REDIS_URL", "redis://localhost:6379/0"),
    socket_timeout=0.5,
    socket_connect_timeout=0.5,
)


def get_product(product_id: str) -> dict | None:
    try:
        raw = client.get(f"product:{product_id}")
    except redis.RedisError:
        log.warning("redis unavailable, falling back to the database")
        return None
    return json.loads(raw) if raw else None


def put_product(product_id: str, product: dict) -> None:
    try:
        client.setex(f"product:{product_id}", 300, json.dumps(product))
    except redis.RedisError:
        pass  # a cold cache only costs latency


def enqueue_email_job(job: dict) -> None:
    # No try/except: if Redis is down the order request fails after payment.
    client.lpush("jobs:email", json.dumps(job))
