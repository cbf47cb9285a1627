#!/usr/bin/env bash
# The ledger of the documented defaults: writes, into each app's README and the root README, the requirements each
# framework's documented setup breaks (as its DocumentedDefaultTest recorded and asserted them) and where the app fixes
# each one. With --check (CI), fails when a README is not up to date instead of writing it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
[ -f shared-tests/target/jwt-contract.jar ] || ./mvnw -q -pl shared-tests -am package -DskipTests
"$JAVA" -cp shared-tests/target/jwt-contract.jar com.example.jwt.compare.Ledger "$@"
