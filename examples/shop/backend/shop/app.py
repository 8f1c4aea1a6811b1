"""HTTP API of the shop."""

import uuid

from fastapi import FastAPI, Header, HTTPException, Request

from shop import cache, db, mailer, payments, storage, webhooks

app = FastAPI(title="shop")


@app.get("/health")
def health() -> dict:
    return {"database": db.healthy()}


@app.get("/products/{product_id}")
def product(product_id: str) -> dict:
    cached = cache.get_product(product_id)
    if cached is not None:
        return cached
    found = {"id": product_id, "name": "Demo product", "price_cents": 1999}
    cache.put_product(product_id, found)
    return found


@app.post("/orders")
def create_order(email: str, amount_cents: int) -> dict:
    order_id = str(uuid.uuid4())
    db.save_order(order_id, email, amount_cents)
    payment_id = payments.charge(order_id, amount_cents)
    storage.store_invoice(order_id, b"%PDF-1.4 demo")
    try:
        mailer.send_confirmation(email, order_id)
    except OSError:
        cache.enqueue_email_job({"to": email, "order_id": order_id})
    webhooks.notify_partner(order_id, amount_cents)
    return {"order_id": order_id, "payment_id": payment_id}


@app.post("/stripe/webhook")
async def stripe_webhook(request: Request, stripe_signature: str = Header()) -> dict:
    try:
        event = payments.parse_webhook(await request.body(), stripe_signature)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail="bad payload") from exc
    return {"received": event.type}
