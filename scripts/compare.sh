#!/usr/bin/env bash
# The main job: build the apps (scripts/apps.sh), run the contract against each packaged jar through the contract
# CLI, and print (and write to COMPARISON.md) a requirement x framework matrix with cold starts (with and without the
# AOT cache), memory (at the heaps FOOTPRINT.md found), code lines, jars shipped, and each documented default.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh

mapfile -t apps < <(bash scripts/apps.sh)
echo "== Building (./mvnw -q package -DskipTests)"
# One reactor build, so each app's runtime jar list (target/runtime-jars.txt) resolves shared-tests from the reactor
# rather than from a local repository that a fresh machine doesn't have.
./mvnw -q package dependency:list -DskipTests -DincludeScope=runtime -DoutputFile=target/runtime-jars.txt
echo "== Training an AOT cache per app (scripts/aot-cache.sh)"
"$JAVA" -cp tools/target/jwt-tools.jar com.example.jwt.tools.AotCache "${apps[@]}"
"$JAVA" -cp tools/target/jwt-tools.jar com.example.jwt.tools.Compare COMPARISON.md "${apps[@]}"
