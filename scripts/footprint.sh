#!/usr/bin/env bash
# Memory compared fairly: the smallest -Xmx with which each packaged app passes the whole contract and then a minute
# of load without an error, and its resident memory there. Writes FOOTPRINT.md and benchmarks/footprint.tsv, which
# scripts/compare.sh reads (it runs each app at twice that heap). Takes about 20 minutes; not part of the tests.
#   bash scripts/footprint.sh                 all four apps
#   bash scripts/footprint.sh javalin
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
apps=("$@")
[ ${#apps[@]} -gt 0 ] || apps=(spring javalin dropwizard helidon)
./mvnw -q package -DskipTests
"$JAVA" -cp shared-tests/target/jwt-contract.jar com.example.jwt.compare.Footprint FOOTPRINT.md "${apps[@]}"
