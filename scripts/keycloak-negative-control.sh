#!/usr/bin/env bash
# Negative control for scripts/keycloak-check.sh: the check must be able to fail. It runs the check against the
# Node.js example made deliberately lax (UNSAFE_SKIP_AUDIENCE_CHECK_FOR_TESTS=1: it accepts a token for another API)
# and exits 0 only if the check fails, and fails exactly on the other-audience case; every other case must still pass,
# so the failure comes from the lax audience check and not from a broken setup.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "negative control: node is not installed" >&2; exit 2; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
UNSAFE_SKIP_AUDIENCE_CHECK_FOR_TESTS=1 scripts/keycloak-check.sh --launch 'exec node examples/node/server.js' \
  --name node-lax 2>&1 | tee "$out"
check_status=${PIPESTATUS[0]}

fails=$(grep '^FAIL ' "$out" | awk '{print $2" "$3}' | sort -u | tr '\n' ';')
expected="node-lax other-audience;"
if [ "$check_status" -ne 0 ] && [ "$fails" = "$expected" ] && grep -q '^[0-9]* passed, 1 failed$' "$out"; then
  echo "negative control: OK, the check caught the lax service (FAIL node-lax other-audience, exit $check_status)"
  exit 0
fi
echo "negative control: NOT OK: expected the check to fail exactly on '${expected%;}', got exit $check_status and failures '${fails}'"
exit 1
