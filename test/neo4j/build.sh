#!/usr/bin/env bash
# Builds the embedded Neo4j launcher (target/neo4j-launcher.jar + target/lib/) when it is missing or
# older than its sources. The first build downloads Neo4j from Maven Central into ~/.m2; later
# builds are offline (no version ranges or snapshots, so Maven never needs the network again).
set -euo pipefail
cd "$(dirname "$0")"
jar=target/neo4j-launcher.jar
if [ -f "$jar" ] && [ -d target/lib ] && [ -z "$(find pom.xml src -newer "$jar" -print -quit)" ]; then
  exit 0
fi
command -v mvn >/dev/null 2>&1 || { echo "[neo4j] Maven (mvn) is not installed: apt-get install maven" >&2; exit 1; }
echo "[neo4j] building the launcher (mvn package; the first build downloads Neo4j into ~/.m2)" >&2
start=$(date +%s)
# Clean lib/ so a version bump never leaves two Neo4j versions on the classpath.
rm -rf target/lib
# Maven's output goes to stderr: the launcher's stdout carries only its READY line, which the tests
# and the bench match from the start of a line (even -q writes colour codes to stdout).
mvn -q -B -Dstyle.color=never package -DskipTests 1>&2
echo "[neo4j] built in $(( $(date +%s) - start )) s" >&2
