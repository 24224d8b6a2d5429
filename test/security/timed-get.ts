// One GET with its status, body and time, given up on (and failing the test) after a long bound
// instead of hanging the run when the server hangs.
export interface TimedAnswer {
  status: number;
  body: string;
  ms: number;
  headers: Headers;
}

export async function timedGet(url: string, init: RequestInit = {}, giveUpMs = 30_000): Promise<TimedAnswer> {
  const started = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(giveUpMs) });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - started, headers: res.headers };
}
