// Worker loop: one job at a time from the Redis queues.
import { refund } from "./billing.js";
import { sendShippedEmail } from "./email.js";
import { nextJob } from "./queue.js";
import { eurTo } from "./rates.js";
import { notifyMerchant } from "./webhook.js";

async function main(): Promise<void> {
  for (;;) {
    const job = await nextJob("jobs:email");
    if (!job) continue;
    if (job.kind === "refund") {
      await refund(String(job.paymentIntentId), String(job.orderId));
      continue;
    }
    const rate = await eurTo(String(job.currency ?? "EUR"));
    console.log(`order ${job.orderId} total in ${job.currency}: ${Number(job.totalEur) * rate}`);
    await sendShippedEmail(String(job.to), String(job.orderId));
    await notifyMerchant(String(job.orderId));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
