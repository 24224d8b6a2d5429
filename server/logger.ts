// The small logging interface the server writes through, so tests can silence it and main.ts can
// send it to the console. Deliberately tiny: the server logs start-up, unexpected errors and warnings.

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** An unexpected failure; `error` is logged in full here (never sent to a client). */
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, error) => (error === undefined ? console.error(message) : console.error(message, error)),
};

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Collects every line, for tests that assert on what was logged. */
export function createMemoryLogger(): Logger & { lines: { level: "info" | "warn" | "error"; message: string; error?: unknown }[] } {
  const lines: { level: "info" | "warn" | "error"; message: string; error?: unknown }[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    error: (message, error) => lines.push({ level: "error", message, error }),
  };
}
