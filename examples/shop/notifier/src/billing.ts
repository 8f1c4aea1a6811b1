// Refunds through Stripe.
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "", {
  timeout: 8000,
  maxNetworkRetries: 2,
});

export async function refund(paymentIntentId: string, orderId: string): Promise<string> {
  const refund = await stripe.refunds.create(
    { payment_intent: paymentIntentId },
    { idempotencyKey: `refund-${orderId}` },
  );
  return refund.id;
}
