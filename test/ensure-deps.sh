#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine, and nothing that is already there:
# npm packages (from the lock file), Debian's chromium for the browser tests, xmllint (libxml2-utils)
# for the GEXF schema check, Java 17 + Maven for the embedded Neo4j launcher (built from Maven Central
# by test/neo4j), xz for the real-library fixtures. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
# The real-library fixtures are tar.xz archives and an xz-compressed git history.
command -v xz >/dev/null 2>&1 || need_apt+=(xz-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian packages: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    say "installing Debian packages with sudo: ${need_apt[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    say "missing: ${need_apt[*]}. Install them with: apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi

if [ -f test/neo4j/pom.xml ]; then
  if [ -x test/neo4j/build.sh ] || [ -f test/neo4j/build.sh ]; then
    bash test/neo4j/build.sh
  fi
fi
