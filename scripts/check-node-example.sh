#!/usr/bin/env bash
# The contract CLI checking a service it did not build, in another language, the way the README shows:
# start the service with the variables the CLI prints, then point the CLI at it with --url.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
command -v node >/dev/null || { echo "node is not installed: skipping the Node.js example"; exit 0; }
[ -f shared-tests/target/jwt-contract.jar ] || ./mvnw -q -pl shared-tests package -DskipTests

issuer_port=${ISSUER_PORT:-9400}
app_port=${APP_PORT:-8090}
log=$(mktemp)
PORT=$app_port HOST=127.0.0.1 JWT_ISSUER=http://127.0.0.1:$issuer_port JWT_AUDIENCE=contract-api \
  JWT_JWKS_TIMEOUT_MS=1000 JWT_JWKS_CACHE_SECONDS=5 JWT_JWKS_REFRESH_MIN_SECONDS=1 \
  node examples/node/server.js >"$log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; rm -f "$log"' EXIT
"$JAVA" -jar shared-tests/target/jwt-contract.jar --url "http://127.0.0.1:$app_port" --issuer-port "$issuer_port"
