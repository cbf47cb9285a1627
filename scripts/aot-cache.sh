#!/usr/bin/env bash
# The fastest start the JDK offers: an ahead-of-time cache (JDK 25; class-data sharing on JDK 21-24) per packaged
# app, written by a training run against the mock issuer. Then run the app with the options it prints, for example
#   java -XX:AOTCache=javalin/target/javalin.aot -jar javalin/target/javalin.jar
# The cache belongs to that jar and that JDK: make it again after a rebuild or a JDK update.
#   bash scripts/aot-cache.sh                 every app (scripts/apps.sh)
#   bash scripts/aot-cache.sh javalin helidon
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
apps=("$@")
[ ${#apps[@]} -gt 0 ] || mapfile -t apps < <(bash scripts/apps.sh)
for app in "${apps[@]}" tools; do
  jar=$app/target/$app.jar
  [ "$app" = tools ] && jar=tools/target/jwt-tools.jar
  [ -f "$jar" ] || { ./mvnw -q package -DskipTests; break; }
done
"$JAVA" -cp tools/target/jwt-tools.jar com.example.jwt.tools.AotCache "${apps[@]}"
