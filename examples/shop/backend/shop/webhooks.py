"""Tell the fulfilment partner about new orders."""

import os

import requests

PARTNER_WEBHOOK_URL = os.environ["PARTNER_WEBHOOK_URL"]


def notify_partner(order_id: str, amount_cents: int) -> None:
    # No timeout: a slow partner holds the request thread indefinitely.
    response = requests.post(
        PARTNER_WEBHOOK_URL,
        json={"event": "order.paid", "order_id": order_id, "amount_cents": amount_cents},
    )
    response.raise_for_status()
