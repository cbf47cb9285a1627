#!/usr/bin/env bash
# The main job, for now: build, start the mock issuer and the Javalin app, and call /protected with and without a token.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh

ISSUER_PORT=${ISSUER_PORT:-9000}
APP_PORT=${APP_PORT:-8080}
for port in "$ISSUER_PORT" "$APP_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use. Free it, or set ISSUER_PORT / APP_PORT." >&2
    exit 1
  fi
done

echo "== Building (./mvnw -q package -DskipTests)"
./mvnw -q package -DskipTests

logs=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # url, log file
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "Not up after 10 s: $1. Last lines of its output:" >&2
  tail -n 20 "$2" >&2
  exit 1
}

"$JAVA" -jar shared-tests/target/jwt-contract.jar issuer --port "$ISSUER_PORT" >"$logs/issuer.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ISSUER_PORT/.well-known/jwks.json" "$logs/issuer.log"

PORT=$APP_PORT JWT_ISSUER="http://127.0.0.1:$ISSUER_PORT" JWT_AUDIENCE=contract-api \
  "$JAVA" -jar javalin/target/javalin.jar >"$logs/app.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$APP_PORT/health" "$logs/app.log"

TOKEN=$(curl -fs "http://127.0.0.1:$ISSUER_PORT/token")
echo "== GET /protected with an EdDSA token from the mock issuer"
curl -s "http://127.0.0.1:$APP_PORT/protected" -H "Authorization: Bearer $TOKEN"; echo
echo "== GET /protected with a tampered token"
curl -si "http://127.0.0.1:$APP_PORT/protected" -H "Authorization: Bearer ${TOKEN%?????}AAAAA" | grep -iv '^date:'
echo
echo "== GET /protected without a token"
curl -si "http://127.0.0.1:$APP_PORT/protected" | grep -iv '^date:'
echo
