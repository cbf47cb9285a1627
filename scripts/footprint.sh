#!/usr/bin/env bash
# Memory compared fairly: the smallest -Xmx with which each packaged app passes the whole contract and then a minute
# of load without an error, and its resident memory there. Writes FOOTPRINT.md and benchmarks/footprint.tsv, which
# scripts/compare.sh reads (it runs each app at twice that heap). Takes about 20 minutes; not part of the tests.
#   bash scripts/footprint.sh                 every app (scripts/apps.sh)
#   bash scripts/footprint.sh javalin
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
apps=("$@")
[ ${#apps[@]} -gt 0 ] || mapfile -t apps < <(bash scripts/apps.sh)
./mvnw -q package -DskipTests
"$JAVA" -cp tools/target/jwt-tools.jar com.example.jwt.tools.Footprint FOOTPRINT.md "${apps[@]}"
