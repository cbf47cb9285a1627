#!/usr/bin/env bash
# The main job: build the four apps, run the contract against each packaged jar through the contract CLI, and print
# (and write to COMPARISON.md) a requirement x framework matrix with startup time, memory, JWT code and jars.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh

apps=(spring javalin dropwizard helidon)
echo "== Building (./mvnw -q package -DskipTests)"
./mvnw -q package -DskipTests
for app in "${apps[@]}"; do
  ./mvnw -q -pl "$app" dependency:list -DincludeScope=runtime -DoutputFile=target/runtime-jars.txt
done
"$JAVA" -cp shared-tests/target/jwt-contract.jar com.example.jwt.contract.Compare COMPARISON.md "${apps[@]}"
