#!/usr/bin/env bash
# The contract CLI checking a service it did not build, in another language: the CLI starts
# examples/node/server.js itself (--launch) with the contract's variables, again for each case that needs a fresh
# service, so every case applies, PROCESS cases included. Needs Node.js 20 or newer (installed here when root).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh
if ! command -v node >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && apt-get install -y -q nodejs
  else
    echo "node is not installed; run: sudo apt-get update && sudo apt-get install -y nodejs" >&2
    exit 1
  fi
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "node $(node --version) is too old: the Node.js example needs Node.js 20 or newer" >&2
  exit 1
fi
[ -f shared-tests/target/jwt-contract.jar ] || ./mvnw -q -B -pl shared-tests -am install -DskipTests
"$JAVA" -jar shared-tests/target/jwt-contract.jar --launch "node examples/node/server.js" "$@"
