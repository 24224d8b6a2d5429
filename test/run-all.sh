#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: static checks, the web build, then every vitest
# file (unit, ingest on the real snapshots, the store contract on memory and Neo4j, the HTTP API,
# and browser tests in Debian's chromium against the real server). Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n=== %s\n' "$*"; }
stage "typecheck"; npx tsc --noEmit -p tsconfig.json
stage "lint";      npx eslint .
if [ -f web/vite.config.ts ]; then
  stage "web build"; npm run build --silent
fi
stage "tests";     npx vitest run "$@"
