#!/usr/bin/env bash
# The fastest start the JDK offers: an ahead-of-time cache (JDK 25; class-data sharing on JDK 21-24) per packaged
# app, written by a training run against the mock issuer. Then run the app with the options it prints, for example
#   java -XX:AOTCache=javalin/target/javalin.aot -jar javalin/target/javalin.jar
# The cache belongs to that jar and that JDK: make it again after a rebuild or a JDK update.
#   bash scripts/aot-cache.sh                 all four apps
#   bash scripts/aot-cache.sh javalin helidon
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
apps=("$@")
[ ${#apps[@]} -gt 0 ] || apps=(spring javalin dropwizard helidon)
for app in "${apps[@]}" shared-tests; do
  jar=$app/target/$app.jar
  [ "$app" = shared-tests ] && jar=shared-tests/target/jwt-contract.jar
  [ -f "$jar" ] || { ./mvnw -q package -DskipTests; break; }
done
"$JAVA" -cp shared-tests/target/jwt-contract.jar com.example.jwt.compare.AotCache "${apps[@]}"
