import { AsyncLocalStorage } from "node:async_hooks";

/** Per-request values every log line carries (set by route(), enriched by the tenant guard). */
export type RequestContext = { requestId: string; organizationId?: string; userId?: string };

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function setRequestOrganization(organizationId: string, userId?: string): void {
  const store = storage.getStore();
  if (store) {
    store.organizationId = organizationId;
    if (userId) store.userId = userId;
  }
}
