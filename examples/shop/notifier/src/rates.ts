// Currency conversion for price display, from a public exchange-rate API.
const RATES_URL = "https://api.frankfurter.app/latest";

let lastRates: Record<string, number> = { EUR: 1 };

export async function eurTo(currency: string): Promise<number> {
  try {
    const res = await fetch(`${RATES_URL}?from=EUR&to=${currency}`, {
      signal: AbortSignal.timeout(3000),
    });
    if (!res.ok) throw new Error(`rates: HTTP ${res.status}`);
    const body = (await res.json()) as { rates: Record<string, number> };
    lastRates = { ...lastRates, ...body.rates };
  } catch {
    // Fall back to the last known rate.
  }
  return lastRates[currency] ?? 1;
}
