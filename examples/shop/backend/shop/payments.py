"""Card payments through Stripe."""

import os

import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]


def charge(order_id: str, amount_cents: int, currency: str = "eur") -> str:
    # No timeout, no retry, no idempotency key: a retried request can charge twice.
    intent = stripe.PaymentIntent.create(
        amount=amount_cents,
        currency=currency,
        metadata={"order_id": order_id},
    )
    return intent.id


def parse_webhook(payload: bytes, signature: str) -> stripe.Event:
    return stripe.Webhook.construct_event(payload, signature, WEBHOOK_SECRET)
