// GET /healthz: 200 with the store kind when the store answers a ping, 503 (error body) otherwise.
// Outside /api so load balancers and orchestrators can probe it; it accepts and ignores any query.
import type { RegisterRoutes } from "./context.ts";
import { StoreUnavailableError } from "../../graph/index.ts";

export const registerHealthRoutes: RegisterRoutes = (router, { store, logger }) => {
  router.get("/healthz", async (_req, res) => {
    try {
      await store.ping();
    } catch (err) {
      // Only a StoreUnavailableError's message is meant for users; anything else stays in the log.
      if (!(err instanceof StoreUnavailableError)) logger.error(`Health check: ${store.kind} store ping failed`, err);
      const reason = err instanceof StoreUnavailableError ? err.message : "it did not answer a ping.";
      const details = err instanceof StoreUnavailableError ? err.details : {};
      throw new StoreUnavailableError(`The ${store.kind} store is unavailable: ${reason}`, { ...details, store: store.kind });
    }
    res.set("Cache-Control", "no-store").json({ status: "ok", store: store.kind });
  });
};
