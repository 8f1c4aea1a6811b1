// Tell the merchant's own system that an order shipped.
const MERCHANT_WEBHOOK_URL = process.env.MERCHANT_WEBHOOK_URL ?? "";

export async function notifyMerchant(orderId: string): Promise<void> {
  // No timeout and no retry: a hanging merchant endpoint stalls the worker loop.
  const res = await fetch(MERCHANT_WEBHOOK_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ event: "order.shipped", orderId }),
  });
  if (!res.ok) throw new Error(`merchant webhook: HTTP ${res.status}`);
}
