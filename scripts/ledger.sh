#!/usr/bin/env bash
# The ledger of the documented defaults: writes, into each app's README and the root README, the requirements each
# framework's documented setup breaks (as its DocumentedDefaultTest recorded and asserted them) and where the app fixes
# each one. With --check (CI), fails when a README is not up to date instead of writing it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
[ -f tools/target/jwt-tools.jar ] || ./mvnw -q -pl tools -am package -DskipTests
mapfile -t apps < <(bash scripts/apps.sh)
"$JAVA" -cp tools/target/jwt-tools.jar com.example.jwt.tools.Ledger "$@" "${apps[@]}"
