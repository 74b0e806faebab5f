import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and audit entry of one HTTP request knows about it. */
export interface RequestContext {
  requestId: string;
  userId?: string;
  userEmail?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
