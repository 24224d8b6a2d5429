// Every route module of the app, in the order createApp registers them and the OpenAPI document
// lists their paths. A new route is a file of this folder (`{ register, openapi }`) and a line here.
import type { RouteModule } from "./context.ts";
import { eventsRoute } from "./events.ts";
import { exportRoute } from "./export.ts";
import { gapsRoute } from "./gaps.ts";
import { gapsQueueRoute } from "./gaps-queue.ts";
import { healthRoute } from "./health.ts";
import { lineageRoute } from "./lineage.ts";
import { neighborhoodRoute } from "./neighborhood.ts";
import { openapiRoute } from "./openapi.ts";
import { overviewRoute } from "./overview.ts";
import { pathsRoute } from "./paths.ts";
import { patternsRoute } from "./patterns.ts";
import { problemsRoute } from "./problems.ts";
import { searchRoute } from "./search.ts";
import { statsRoute } from "./stats.ts";
import { talksRoute } from "./talks.ts";

export const ROUTES: readonly RouteModule[] = [
  statsRoute,
  searchRoute,
  patternsRoute,
  neighborhoodRoute,
  lineageRoute,
  pathsRoute,
  problemsRoute,
  overviewRoute,
  openapiRoute,
  healthRoute,
  gapsRoute,
  gapsQueueRoute,
  eventsRoute,
  talksRoute,
  exportRoute,
];
