#!/usr/bin/env bash
# Runs the embedded Neo4j in the foreground (`npm run neo4j`), building it first if needed.
# Arguments pass through: --port N (default 7687, or NEO4J_PORT), --data DIR (default: a temporary
# folder deleted at exit, or NEO4J_DATA_DIR), --password PW (default atlas-test-password, or
# NEO4J_PASSWORD), --config KEY=VALUE (a neo4j.conf setting, repeatable, e.g.
# db.memory.transaction.total.max=20m), --exit-on-stdin-close. Ctrl-C (SIGINT) or SIGTERM shuts it down cleanly.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/build.sh"
# Modest memory: 2 cores and a machine shared with other services. Override with NEO4J_JAVA_OPTS.
read -r -a java_opts <<< "${NEO4J_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC}"
exec java "${java_opts[@]}" -jar "$here/target/neo4j-launcher.jar" "$@"
