// Jobs arrive on Redis lists pushed by the backend.
import Redis from "ioredis";

export const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379/1", {
  maxRetriesPerRequest: 3,
  connectTimeout: 2000,
  retryStrategy: (times) => Math.min(times * 200, 5000),
});

export async function nextJob(queue: string): Promise<Record<string, unknown> | null> {
  const popped = await redis.brpop(queue, 5);
  return popped ? JSON.parse(popped[1]) : null;
}
