// One measured step of a by-hand bench child (gaps-steps.ts, overview-steps.ts): runs `work`, then
// (with --expose-gc) collects, and prints one JSON line with its wall and CPU time and the heap after it.
const gc = (globalThis as { gc?: () => void }).gc;

export function step<T>(name: string, work: () => T): T {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  gc?.();
  process.stdout.write(
    `${JSON.stringify({ step: name, ms: Math.round(performance.now() - wall), cpuMs: Math.round((used.user + used.system) / 1000), heapMb: Math.round(process.memoryUsage().heapUsed / 1048576) })}\n`,
  );
  return value;
}
