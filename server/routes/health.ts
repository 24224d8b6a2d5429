// GET /healthz: 200 with the store kind when the store answers a ping, 503 (error body) otherwise.
// Outside /api so load balancers and orchestrators can probe it; it accepts and ignores any query.
// It answers within its own budget whatever the store does: a prober must hear "unhealthy", not time out.
import { StoreUnavailableError } from "../../graph/index.ts";
import { object, ok, ref, unavailable } from "../openapi-parts.ts";
import type { RouteModule } from "./context.ts";

/** The longest /healthz waits for the store's ping before answering 503. */
export const HEALTH_BUDGET_MS = 2_000;

export const healthRoute: RouteModule = {
  register(router, { store, logger }) {
    router.get("/healthz", async (_req, res) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const ping = store.ping();
        // Past the budget the ping is left behind: its later failure must not be an unhandled rejection.
        ping.catch(() => undefined);
        await Promise.race([
          ping,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new StoreUnavailableError(`it did not answer a ping within ${HEALTH_BUDGET_MS / 1000} s.`, { budgetMs: HEALTH_BUDGET_MS })), HEALTH_BUDGET_MS);
          }),
        ]);
      } catch (err) {
        // Only a StoreUnavailableError's message is meant for users; anything else stays in the log.
        if (!(err instanceof StoreUnavailableError)) logger.error(`Health check: ${store.kind} store ping failed`, err);
        const reason = err instanceof StoreUnavailableError ? err.message : "it did not answer a ping.";
        const details = err instanceof StoreUnavailableError ? err.details : {};
        throw new StoreUnavailableError(`The ${store.kind} store is unavailable: ${reason}`, { ...details, store: store.kind });
      } finally {
        clearTimeout(timer);
      }
      res.set("Cache-Control", "no-store").json({ status: "ok", store: store.kind });
    });
  },
  openapi: {
    paths: {
      "/healthz": {
        get: {
          summary: "Health check",
          description: "Query parameters are ignored here, so any prober can call it.",
          parameters: [],
          responses: { "200": ok("The store answers.", ref("Health")), "503": unavailable },
        },
      },
    },
    schemas: {
      Health: object({ status: { type: "string", enum: ["ok"] }, store: { type: "string", enum: ["memory", "neo4j"] } }),
    },
  },
};
