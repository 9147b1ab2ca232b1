// Market analytics over the local replica (the analytics screens call these):
// field roles, statistics, forecasts, CMA, and valuations as a cancellable job
// whose progress counts model fits and whose result is typed.
import type { AnalyticsFields } from "../bindings/AnalyticsFields";
import type { ClassTarget } from "../bindings/ClassTarget";
import type { Cma } from "../bindings/Cma";
import type { CmaRequest } from "../bindings/CmaRequest";
import type { Forecast } from "../bindings/Forecast";
import type { ForecastRequest } from "../bindings/ForecastRequest";
import type { TaskEvent } from "../bindings/TaskEvent";
import type { Role } from "../bindings/Role";
import type { StatsReport } from "../bindings/StatsReport";
import type { StatsRequest } from "../bindings/StatsRequest";
import type { Valuation } from "../bindings/Valuation";
import { call } from "./commands";
import { startTask, type TaskHandle } from "./tasks";

/** `analytics_fields`: which field plays each role; `mapping` (role → field) is saved first when given. */
export function analyticsFields(target: ClassTarget, mapping?: Partial<Record<Role, string>>): Promise<AnalyticsFields> {
  return call<AnalyticsFields>("analytics_fields", { target, mapping: mapping ?? null });
}

/** `analytics_stats`: market statistics by area × period. */
export function analyticsStats(target: ClassTarget, request: StatsRequest): Promise<StatsReport> {
  return call<StatsReport>("analytics_stats", { target, request });
}

/** `analytics_forecast`: one area's monthly metric ahead, with 80/95 % intervals and its backtest. */
export function analyticsForecast(target: ClassTarget, request: ForecastRequest): Promise<Forecast> {
  return call<Forecast>("analytics_forecast", { target, request });
}

/** `analytics_cma`: comparables, line-by-line adjustments, range and reconciled value. */
export function analyticsCma(target: ClassTarget, request: CmaRequest): Promise<Cma> {
  return call<Cma>("analytics_cma", { target, request });
}

/** `analytics_valuation`: estimates for `keys` (none: only the model's measured error), as a job. */
export function startValuation(
  target: ClassTarget,
  keys: string[],
  onMarket: boolean,
  onEvent: (event: TaskEvent) => void,
): TaskHandle<Valuation> {
  return startTask<Valuation>("analytics_valuation", { target, keys, onMarket }, onEvent);
}
