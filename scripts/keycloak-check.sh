#!/usr/bin/env bash
# Keycloak end to end: the packaged apps against a real identity provider, not the repo's own mock issuer.
# Gets Keycloak from Maven Central (org.keycloak:keycloak-quarkus-dist) into a cache outside the repo, starts it in
# dev mode on a free loopback port, (re)creates the realm of scripts/keycloak/realm.json through the admin REST API,
# starts the apps and checks real tokens: RS256, ES256, EdDSA, at+jwt, tampered, other audience, HS512, a required
# scope, key rotation done in Keycloak, and Keycloak going down and coming back. One PASS/FAIL line per app and case,
# each case named REQUIREMENT/what (the requirement of shared-tests/CONTRACT.md it checks), then "N passed, N failed";
# exits non-zero on any failure. It stops only what it started.
#
#   scripts/keycloak-check.sh                      every packaged app (scripts/apps.sh lists them)
#   scripts/keycloak-check.sh --apps "spring helidon"
#   scripts/keycloak-check.sh --launch 'node examples/node/server.js' --name node
#        starts that command (through bash, in its own process group, with PORT and the JWT_* variables set)
#   scripts/keycloak-check.sh --print-env --kc-port 18080
#        prints the variables a service must run with for a Keycloak on that port, then exits
#   scripts/keycloak-check.sh --url http://127.0.0.1:8090 --name mine --kc-port 18080
#        checks a service you started yourself with those variables (it may start before Keycloak)
#   scripts/keycloak-check.sh --negative-control  [with --apps, --launch ...]
#        also runs the Node.js example made deliberately lax (it skips the audience check) against the same Keycloak:
#        the run passes only if that service fails exactly CLM-4/other-audience and every other case, so the check
#        is shown able to fail, and failing for the right reason (needs node)
#
# Settings (environment): KC_CHECK_JAR_ROOT (where <app>/target/<app>.jar are; default: this repo),
# KC_CHECK_CACHE (where Keycloak is unpacked; default ~/.cache/jwt-keycloak), KC_CHECK_JAVA_HOME (JDK for Keycloak;
# default: a JDK 21+ under /usr/lib/jvm, else the one scripts/java21.sh finds), KEYCLOAK_VERSION (default 26.7.3).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
CACHE=${KC_CHECK_CACHE:-$HOME/.cache/jwt-keycloak}
JAR_ROOT=${KC_CHECK_JAR_ROOT:-$ROOT}
REALM=jwt-check
AUDIENCE=jwt-check-api
SCOPE=api.read
CACHE_SECONDS=5
REFRESH_MIN_SECONDS=1
# Keycloak's bootstrap admin, created on the first start of the cached, loopback-only dev instance.
ADMIN_USER=admin
ADMIN_PASSWORD=admin

read -r -a apps <<<"$(bash scripts/apps.sh | tr '\n' ' ')"
launch_cmd=""
target_url=""
target_name=""
kc_port=""
print_env=""
negative_control=""
LAX=node-lax
while [ $# -gt 0 ]; do
  case $1 in
    --apps) read -r -a apps <<<"$2"; shift 2 ;;
    --launch) launch_cmd=$2; shift 2 ;;
    --url) target_url=${2%/}; shift 2 ;;
    --name) target_name=$2; shift 2 ;;
    --kc-port) kc_port=$2; shift 2 ;;
    --print-env) print_env=1; shift ;;
    --negative-control) negative_control=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------------------------------------------------------
# Bookkeeping: everything this script starts runs in its own process group, and is stopped on exit.
work=$(mktemp -d)
chmod 700 "$work"
started_pgids=()
kc_pgid=""
cleanup() {
  for pg in "${started_pgids[@]}" $kc_pgid; do
    kill -TERM -- "-$pg" 2>/dev/null || true
  done
  for pg in "${started_pgids[@]}" $kc_pgid; do
    for _ in $(seq 50); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pg" 2>/dev/null || true
  done
  if [ -n "${KC_CHECK_LOG_DIR:-}" ]; then # keep the logs of Keycloak and the apps (they contain no tokens)
    mkdir -p "$KC_CHECK_LOG_DIR" && cp "$work"/*.log "$KC_CHECK_LOG_DIR"/ 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*"; }
die() { echo "keycloak-check: $*" >&2; exit 2; }
# start_group LOGFILE CMD...: runs CMD in a new session (its own process group); prints its pid (= pgid).
start_group() {
  local out=$1; shift
  setsid "$@" >"$out" 2>&1 < /dev/null &
  echo $!
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 200); do
    p=$(( 20000 + RANDOM % 20000 ))
    port_free "$p" && { echo "$p"; return; }
  done
  die "no free port found"
}

command -v curl >/dev/null || die "curl is required"
if ! command -v jq >/dev/null && [ "$(id -u)" -eq 0 ]; then # Debian's jq, like scripts/bench.sh installs wrk
  (apt-get install -y -qq jq || (apt-get update -qq && apt-get install -y -qq jq)) >/dev/null 2>&1
fi
command -v jq >/dev/null || die "jq is required (apt-get install jq)"
command -v setsid >/dev/null || die "setsid (util-linux) is required"

# ---------------------------------------------------------------------------------------------------------------
# The targets: packaged apps (default), one launched command, or one URL.
source scripts/java21.sh
names=(); urls=(); cmds=(); pgids=()
if [ -n "$target_url" ]; then
  names+=("${target_name:-service}"); urls+=("$target_url"); cmds+=("")
  [ -n "$kc_port" ] || die "--url needs --kc-port: start your service with the variables printed for that port"
elif [ -n "$print_env" ]; then
  : # nothing to start
elif [ -n "$launch_cmd" ]; then
  names+=("${target_name:-service}"); urls+=(""); cmds+=("$launch_cmd")
else
  for app in "${apps[@]}"; do
    jar=$JAR_ROOT/$app/target/$app.jar
    if [ ! -f "$jar" ]; then
      die "$jar is missing: build the apps first (./mvnw -q package -DskipTests)"
    fi
    # Run a private copy (with the libs/ folder beside it, for Helidon), so that a rebuild while the check runs
    # cannot change the jar under a running JVM.
    mkdir -p "$work/jars/$app"
    cp "$jar" "$work/jars/$app/" || die "cannot copy $jar"
    if [ -d "$JAR_ROOT/$app/target/libs" ]; then
      cp -r "$JAR_ROOT/$app/target/libs" "$work/jars/$app/" || die "cannot copy libs"
    fi
    names+=("$app"); urls+=(""); cmds+=("exec \"$JAVA\" -jar \"$work/jars/$app/$app.jar\"")
  done
fi
if [ -n "$negative_control" ] && [ -z "$print_env" ]; then
  command -v node >/dev/null || die "--negative-control needs node (Node.js)"
  names+=("$LAX"); urls+=(""); cmds+=("UNSAFE_SKIP_AUDIENCE_CHECK_FOR_TESTS=1 exec node examples/node/server.js")
fi

kc_port=${kc_port:-$(free_port)}
KC=http://127.0.0.1:$kc_port
ISSUER=$KC/realms/$REALM
JWKS_URI=$ISSUER/protocol/openid-connect/certs
settings=(HOST=127.0.0.1 "JWT_ISSUER=$ISSUER" "JWT_JWKS_URI=$JWKS_URI" "JWT_AUDIENCE=$AUDIENCE"
  "JWT_REQUIRED_SCOPE=$SCOPE" "JWT_JWKS_CACHE_SECONDS=$CACHE_SECONDS"
  "JWT_JWKS_REFRESH_MIN_SECONDS=$REFRESH_MIN_SECONDS" JWT_JWKS_TIMEOUT_MS=1000)
if [ -n "$print_env" ]; then
  printf '%s\n' "${settings[@]}"
  exit 0
fi
if [ -n "$target_url" ]; then
  log "the service at $target_url must run with: ${settings[*]} (and its own PORT)"
fi

# ---------------------------------------------------------------------------------------------------------------
# Keycloak: from Maven Central through Maven, unpacked once into the cache.
KC_HOME=$CACHE/keycloak-$KEYCLOAK_VERSION
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  log "getting org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip from Maven Central"
  mkdir -p "$CACHE"
  # A download-only goal; -N keeps it to the root project (it builds nothing).
  ./mvnw -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$CACHE" || die "could not get Keycloak from Maven Central"
  # Unpack beside the cache and move into place, so an interrupted unpack never looks like a usable Keycloak.
  rm -rf "$CACHE/.unpack"
  (cd "$CACHE" && unzip -q "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d .unpack \
    && mv ".unpack/keycloak-$KEYCLOAK_VERSION" "$KC_HOME" \
    && rm -rf .unpack "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip") \
    || die "could not unpack Keycloak"
fi
kc_java_home=${KC_CHECK_JAVA_HOME:-}
if [ -z "$kc_java_home" ]; then
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/*21* "$(dirname "$(dirname "$(readlink -f "$JAVA")")")"; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
      kc_java_home=$candidate; break
    fi
  done
fi
[ -n "$kc_java_home" ] || die "no JDK 21+ for Keycloak (set KC_CHECK_JAVA_HOME)"

kc_log=$work/keycloak.log
start_keycloak() {
  port_free "$kc_port" || die "port $kc_port is taken"
  kc_pgid=$(start_group "$kc_log" env JAVA_HOME="$kc_java_home" KC_BOOTSTRAP_ADMIN_USERNAME=$ADMIN_USER \
    KC_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    "$KC_HOME/bin/kc.sh" start-dev --http-host 127.0.0.1 --http-port "$kc_port")
  local t0=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$KC/realms/master")" = 200 ]; do
    if ! kill -0 "$kc_pgid" 2>/dev/null; then tail -n 20 "$kc_log" >&2; die "Keycloak exited while starting"; fi
    [ $((SECONDS - t0)) -lt 240 ] || { tail -n 20 "$kc_log" >&2; die "Keycloak did not start within 240 s"; }
    sleep 1
  done
  log "Keycloak $KEYCLOAK_VERSION up at $KC after $((SECONDS - t0)) s"
}
stop_keycloak() {
  kill -TERM -- "-$kc_pgid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 -- "-$kc_pgid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$kc_pgid" 2>/dev/null || true
  kc_pgid=""
}

log "starting Keycloak (dev mode, 127.0.0.1:$kc_port, JDK $kc_java_home)"
start_keycloak

# --- Admin REST API -------------------------------------------------------------------------------------------
admin_token() {
  curl -s --max-time 20 -d grant_type=password -d client_id=admin-cli --data-urlencode "username=$ADMIN_USER" \
    --data-urlencode "password=$ADMIN_PASSWORD" "$KC/realms/master/protocol/openid-connect/token" \
    | jq -r '.access_token // empty'
}
# admin METHOD PATH [JSON-FILE]: prints the HTTP status; the body goes to $work/admin.out
admin() {
  local method=$1 path=$2 data=${3:-}
  printf 'Authorization: Bearer %s\n' "$(admin_token)" > "$work/admin.hdr"
  if [ -n "$data" ]; then
    curl -s --max-time 60 -X "$method" -H @"$work/admin.hdr" -H 'Content-Type: application/json' \
      --data-binary @"$data" -o "$work/admin.out" -w '%{http_code}' "$KC/admin$path"
  else
    curl -s --max-time 60 -X "$method" -H @"$work/admin.hdr" -o "$work/admin.out" -w '%{http_code}' "$KC/admin$path"
  fi
}
expect_admin() { # expect_admin WHAT STATUS...: fails the run when the last admin call did not answer one of them
  local what=$1 got=$2; shift 2
  for ok in "$@"; do [ "$got" = "$ok" ] && return; done
  die "Keycloak admin API: $what answered $got: $(head -c 300 "$work/admin.out")"
}

[ -n "$(admin_token)" ] || die "cannot log in to Keycloak's admin API (the cached instance at $KC_HOME has another \
admin password? delete its data/ directory)"
log "configuring realm $REALM (deleted and re-created from scripts/keycloak/realm.json)"
expect_admin "delete realm" "$(admin DELETE "/realms/$REALM")" 204 404
expect_admin "create realm" "$(admin POST /realms scripts/keycloak/realm.json)" 201
expect_admin "create scope" "$(admin POST "/realms/$REALM/client-scopes" scripts/keycloak/scope-api-read.json)" 201
expect_admin "list scopes" "$(admin GET "/realms/$REALM/client-scopes")" 200
scope_id=$(jq -r --arg n "$SCOPE" '.[] | select(.name == $n) | .id' "$work/admin.out")
for client in $(jq -r '.clients[].id' scripts/keycloak/realm.json); do
  expect_admin "optional scope for $client" \
    "$(admin PUT "/realms/$REALM/clients/$client/optional-client-scopes/$scope_id")" 204
done
# add_key NAME PROVIDER PRIORITY [CONFIG-KEY VALUE]: a new key provider in the realm
add_key() {
  local extra='{}'
  [ $# -ge 5 ] && extra=$(jq -n --arg k "$4" --arg v "$5" '{($k): [$v]}')
  jq -n --arg name "$1" --arg provider "$2" --arg prio "$3" --arg realm "$REALM" --argjson extra "$extra" \
    '{name: $name, providerId: $provider, providerType: "org.keycloak.keys.KeyProvider", parentId: $realm,
      config: ({priority: [$prio], active: ["true"], enabled: ["true"]} + $extra)}' > "$work/key.json"
  expect_admin "add key $1" "$(admin POST "/realms/$REALM/components" "$work/key.json")" 201
}
remove_key_of_kid() {
  expect_admin "list keys" "$(admin GET "/realms/$REALM/keys")" 200
  local component
  component=$(jq -r --arg kid "$1" '.keys[] | select(.kid == $kid) | .providerId' "$work/admin.out")
  [ -n "$component" ] || die "no key provider holds the kid to remove"
  expect_admin "remove key" "$(admin DELETE "/realms/$REALM/components/$component")" 204
}

# --- Tokens (kept in variables and files under $work only; never printed) ------------------------------------
b64url_decode() {
  local s=${1//-/+}; s=${s//_//}
  while (( ${#s} % 4 )); do s+="="; done
  printf '%s' "$s" | base64 -d 2>/dev/null
}
b64url_encode() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
header_of() { b64url_decode "${1%%.*}"; }
claims_of() { local rest=${1#*.}; b64url_decode "${rest%%.*}"; }
# mint CLIENT [SCOPE]: an access token by the client-credentials grant (each client's secret is in realm.json)
mint() {
  local args=(-d grant_type=client_credentials -d "client_id=$1" -d "client_secret=$1-local-test-secret")
  [ -n "${2:-}" ] && args+=(-d "scope=$2")
  curl -s --max-time 20 "${args[@]}" "$ISSUER/protocol/openid-connect/token" | jq -r '.access_token // empty'
}

# --- The apps ---------------------------------------------------------------------------------------------------
for i in "${!names[@]}"; do
  [ -n "${cmds[$i]}" ] || continue
  port=$(free_port)
  urls[$i]=http://127.0.0.1:$port
  # ADMIN_PORT=0: Dropwizard's admin connector (default 8081) on any free port; the other apps ignore it.
  pg=$(start_group "$work/${names[$i]}.log" env "${settings[@]}" PORT="$port" ADMIN_PORT=0 bash -c "${cmds[$i]}")
  started_pgids+=("$pg"); pgids[$i]=$pg
  log "starting ${names[$i]} on port $port"
done
for i in "${!names[@]}"; do
  t0=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${urls[$i]}/health")" = 200 ]; do
    if [ -n "${pgids[$i]:-}" ] && ! kill -0 "${pgids[$i]}" 2>/dev/null; then
      tail -n 20 "$work/${names[$i]}.log" >&2; die "${names[$i]} exited while starting"
    fi
    if [ $((SECONDS - t0)) -ge 180 ]; then
      tail -n 20 "$work/${names[$i]}.log" >&2; die "${names[$i]} did not answer /health within 180 s"
    fi
    sleep 1
  done
done
log "all targets answer /health"

# --- Checking ---------------------------------------------------------------------------------------------------
passed=0; failed=0; lax_failures=""
# The negative control's results are kept apart: its one expected failure does not fail the run.
pass() { echo "PASS $1 $2"; [ "$1" = "$LAX" ] || passed=$((passed + 1)); }
fail() {
  echo "FAIL $1 $2 ($3)"
  if [ -n "$negative_control" ] && [ "$1" = "$LAX" ]; then lax_failures+="$2;"; else failed=$((failed + 1)); fi
}
# call URL TOKEN: GET /protected with the token; sets status, body file $work/body, headers file $work/headers
call() {
  printf 'Authorization: Bearer %s\n' "$2" > "$work/call.hdr"
  rm -f "$work/body" "$work/headers"
  status=$(curl -s --max-time 10 -H @"$work/call.hdr" -D "$work/headers" -o "$work/body" -w '%{http_code}' \
    "$1/protected")
}
# err_suffix [INDEX]: the JSON error of the last answer, or why there was no answer
err_suffix() {
  local e; e=$(body_field error); [ -n "$e" ] && printf ' %s' "$e"
  if [ "$status" = 000 ] && [ -n "${1:-}" ]; then
    if [ -n "${pgids[$1]:-}" ] && ! kill -0 "${pgids[$1]}" 2>/dev/null; then printf ' (the process has exited)'
    else printf ' (no answer within 10 s)'; fi
  fi
}
body_field() { jq -r --arg f "$1" '.[$f] // empty | tostring' "$work/body" 2>/dev/null; }
# expect_ok NAME CASE TOKEN: 200 with the token's sub
expect_ok() {
  local sub; sub=$(claims_of "$3" | jq -r '.sub // empty')
  call "${urls[$1]}" "$3"
  if [ -z "$sub" ]; then fail "${names[$1]}" "$2" "Keycloak's token has no sub"
  elif [ "$status" != 200 ]; then fail "${names[$1]}" "$2" "expected 200, got $status$(err_suffix "$1")"
  elif [ "$(body_field subject)" != "$sub" ]; then fail "${names[$1]}" "$2" "200 but subject is not the token's sub"
  else pass "${names[$1]}" "$2"; fi
}
# expect_status NAME CASE TOKEN STATUS ERROR: that status with that JSON error
expect_status() {
  call "${urls[$1]}" "$3"
  if [ "$status" != "$4" ]; then fail "${names[$1]}" "$2" "expected $4 $5, got $status$(err_suffix "$1")"
  elif [ "$(body_field error)" != "$5" ]; then fail "${names[$1]}" "$2" "$4 but error is '$(body_field error)', not $5"
  else pass "${names[$1]}" "$2"; fi
}
# setup_ok TOKEN JQ-ON-HEADER: Keycloak must have produced what a case needs, or the case would prove nothing
setup_ok() {
  local token=$1 filter=$2
  [ -n "$token" ] && header_of "$token" | jq -e "$filter" >/dev/null 2>&1
}
for_all() { local fn=$1 i; shift; for i in "${!names[@]}"; do "$fn" "$i" "$@"; done; }
log "minting tokens"
tok_rs=$(mint check-rs256 "$SCOPE")
tok_es=$(mint check-es256 "$SCOPE")
tok_ed=$(mint check-eddsa "$SCOPE")
tok_at=$(mint check-at-jwt "$SCOPE")
tok_other=$(mint check-other-audience "$SCOPE")
tok_hs=$(mint check-hs512 "$SCOPE")
tok_noscope=$(mint check-rs256)
setup_ok "$tok_rs" '.alg == "RS256"' || die "Keycloak gave no RS256 token"
setup_ok "$tok_es" '.alg == "ES256"' || die "Keycloak gave no ES256 token"
setup_ok "$tok_ed" '.alg == "EdDSA"' || die "Keycloak gave no EdDSA token"
setup_ok "$tok_at" '.typ == "at+jwt"' || die "Keycloak gave no at+jwt token"
setup_ok "$tok_hs" '.alg == "HS512"' || die "Keycloak gave no HS512 token"
setup_ok "$tok_other" '.alg == "RS256"' || die "Keycloak gave no token for the other audience"
claims_of "$tok_other" \
  | jq -e --arg a "$AUDIENCE" '(.aud | if type == "array" then . else [.] end) | index($a) | not' >/dev/null \
  || die "the other-audience token carries $AUDIENCE"
claims_of "$tok_noscope" | jq -e --arg s "$SCOPE" '(.scope // "") | split(" ") | index($s) | not' >/dev/null \
  || die "the token without the scope carries $SCOPE"
# Tampered: the RS256 token with another sub in its payload, original signature.
IFS=. read -r t_h t_p t_s <<<"$tok_rs"
tok_tampered=$t_h.$(b64url_decode "$t_p" | jq -c '.sub = "someone-else"' | b64url_encode).$t_s
unset t_h t_p t_s
rs_kid_old=$(header_of "$tok_rs" | jq -r .kid)
es_kid_old=$(header_of "$tok_es" | jq -r .kid)


log "tokens from Keycloak"
for_all expect_ok ALG-1/rs256 "$tok_rs"
for_all expect_ok ALG-1/es256 "$tok_es"
for_all expect_ok ALG-1/eddsa "$tok_ed"
for_all expect_ok TOK-3/at+jwt "$tok_at"
for_all expect_status ALG-3/tampered "$tok_tampered" 401 invalid_token
for_all expect_status CLM-4/other-audience "$tok_other" 401 invalid_token
for_all expect_status ALG-2/hs512 "$tok_hs" 401 invalid_token
for_all expect_status GW-3/scope-missing "$tok_noscope" 403 insufficient_scope
scope_challenge() {
  call "${urls[$1]}" "$tok_noscope"
  if grep -qi '^www-authenticate:.*error="insufficient_scope"' "$work/headers"; then
    pass "${names[$1]}" GW-3/scope-missing-challenge
  else fail "${names[$1]}" GW-3/scope-missing-challenge "no WWW-Authenticate with error=\"insufficient_scope\""; fi
}
for_all scope_challenge
# scope-present is the rs256 case: every valid token above carries the required scope; say so explicitly.
for_all expect_ok GW-3/scope-present "$tok_rs"

log "key rotation in Keycloak: a new RSA key with a higher priority, then the old one removed"
add_key rsa-rotated rsa-generated 200 keySize 2048
tok_rs_new=$(mint check-rs256 "$SCOPE")
rs_kid_new=$(header_of "$tok_rs_new" | jq -r .kid)
[ -n "$rs_kid_new" ] && [ "$rs_kid_new" != "$rs_kid_old" ] || die "Keycloak did not sign with the new key"
# JWKS-2 allows one refetch per JWT_JWKS_REFRESH_MIN_SECONDS: the cases above may have just used it, so wait it out.
sleep $((REFRESH_MIN_SECONDS + 1))
for_all expect_ok JWKS-2/rotation-new-key "$tok_rs_new"
remove_key_of_kid "$rs_kid_old"
sleep $((CACHE_SECONDS + 2))
for_all expect_status JWKS-1/rotation-removed-key "$tok_rs" 401 invalid_token
for_all expect_ok JWKS-1/rotation-new-key-after-removal "$tok_rs_new"

log "Keycloak down: cached keys keep working, a key not yet fetched gets 503, recovery when it is back"
# A new EC key the apps have not seen: its token needs a JWKS fetch.
add_key ec-unseen ecdsa-generated 200 ecdsaEllipticCurveKey P-256
tok_es_new=$(mint check-es256 "$SCOPE")
[ "$(header_of "$tok_es_new" | jq -r .kid)" != "$es_kid_old" ] || die "Keycloak did not sign with the new EC key"
stop_keycloak
log "Keycloak stopped"
sleep $((CACHE_SECONDS + 2)) # the apps' cache is now stale: the next request tries a refresh, which fails
for_all expect_ok JWKS-5/outage-cached-key "$tok_rs_new"
unavailable() {
  call "${urls[$1]}" "$tok_es_new"
  local what=JWKS-4/outage-unseen-key-503
  if [ "$status" != 503 ]; then fail "${names[$1]}" $what "expected 503, got $status$(err_suffix "$1")"
  elif ! grep -qi '^retry-after:' "$work/headers"; then fail "${names[$1]}" $what "503 without Retry-After"
  elif [ "$(body_field error)" != temporarily_unavailable ]; then
    fail "${names[$1]}" $what "503 but error is '$(body_field error)', not temporarily_unavailable"
  else pass "${names[$1]}" $what; fi
}
sleep $((REFRESH_MIN_SECONDS + 1))
for_all unavailable
start_keycloak
recovered() {
  local t0=$SECONDS
  while :; do
    call "${urls[$1]}" "$tok_es_new"
    [ "$status" = 200 ] && break
    [ $((SECONDS - t0)) -lt 30 ] || break
    sleep 1
  done
  expect_ok "$1" JWKS-4/outage-recovered "$tok_es_new"
}
for_all recovered

echo "$passed passed, $failed failed"
if [ -n "$negative_control" ]; then
  if [ "$lax_failures" = "CLM-4/other-audience;" ]; then
    echo "negative control: OK, the check failed the lax service on CLM-4/other-audience only"
  else
    echo "negative control: NOT OK: the lax service should fail exactly CLM-4/other-audience," \
      "it failed '${lax_failures%;}'"
    failed=$((failed + 1))
  fi
fi
[ "$failed" -eq 0 ]
