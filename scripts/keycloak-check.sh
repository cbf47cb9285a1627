#!/usr/bin/env bash
# Keycloak end to end: the packaged apps against a real identity provider, not the repo's own mock issuer.
# This script does what bash is good at: it gets Keycloak from Maven Central (org.keycloak:keycloak-quarkus-dist) into
# a cache outside the repo and starts it in dev mode on a free loopback port. The suite's own code does the rest
# (tools' RealIssuerCheck): it (re)creates the realm of scripts/keycloak/realm.json through the admin REST API, starts
# the apps and runs the real-issuer cases (shared-tests' RealIssuerCases) with the suite's runner and expectations:
# RS256, ES256, EdDSA, at+jwt, tampered, other audience, HS512, a required scope, a key rotation done in Keycloak, and
# the key set going down and coming back. One PASS/FAIL line per app and case, each case named REQUIREMENT/what (the
# requirement of shared-tests/CONTRACT.md it checks), then "N passed, N failed"; exits non-zero on any failure. It
# stops only what it started.
#
#   scripts/keycloak-check.sh                      every packaged app (scripts/apps.sh lists them)
#   scripts/keycloak-check.sh --apps "spring helidon"
#   scripts/keycloak-check.sh --launch 'node examples/node/server.js' --name node
#        starts that command (through sh, with PORT and the JWT_* variables set)
#   scripts/keycloak-check.sh --print-env --kc-port 18080 [--jwks-port 18081]
#        prints the variables a service must run with for a Keycloak on that port, then exits (the apps fetch the
#        realm's keys through the check's proxy on the JWKS port, kc-port + 1 unless given)
#   scripts/keycloak-check.sh --url http://127.0.0.1:8090 --name mine --kc-port 18080 [--jwks-port 18081]
#        checks a service you started yourself with those variables (it may start before Keycloak)
#   scripts/keycloak-check.sh --negative-control  [with --apps, --launch ...]
#        also runs the Node.js example made deliberately lax (it skips the audience check) against the same Keycloak:
#        the run passes only if that service fails exactly CLM-4/other-audience and every other case, so the check
#        is shown able to fail, and failing for the right reason (needs node)
#
# Settings (environment): KC_CHECK_JAR_ROOT (where <app>/target/<app>.jar are; default: this repo),
# KC_CHECK_CACHE (where Keycloak is unpacked; default ~/.cache/jwt-keycloak), KC_CHECK_JAVA_HOME (JDK for Keycloak;
# default: a JDK 21+ under /usr/lib/jvm, else the one scripts/java21.sh finds), KEYCLOAK_VERSION (default 26.7.3),
# KC_CHECK_LOG_DIR (keep Keycloak's log there).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
CACHE=${KC_CHECK_CACHE:-$HOME/.cache/jwt-keycloak}
JAR_ROOT=${KC_CHECK_JAR_ROOT:-$ROOT}
# Keycloak's bootstrap admin, created on the first start of the cached, loopback-only dev instance.
ADMIN_USER=admin
ADMIN_PASSWORD=admin

read -r -a apps <<<"$(bash scripts/apps.sh | tr '\n' ' ')"
launch_cmd=""
target_url=""
target_name=""
kc_port=""
jwks_port=""
print_env=""
negative_control=""
while [ $# -gt 0 ]; do
  case $1 in
    --apps) read -r -a apps <<<"$2"; shift 2 ;;
    --launch) launch_cmd=$2; shift 2 ;;
    --url) target_url=${2%/}; shift 2 ;;
    --name) target_name=$2; shift 2 ;;
    --kc-port) kc_port=$2; shift 2 ;;
    --jwks-port) jwks_port=$2; shift 2 ;;
    --print-env) print_env=1; shift ;;
    --negative-control) negative_control=1; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d)
chmod 700 "$work"
kc_pgid=""
cleanup() {
  if [ -n "$kc_pgid" ]; then
    kill -TERM -- "-$kc_pgid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 -- "-$kc_pgid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$kc_pgid" 2>/dev/null || true
  fi
  if [ -n "${KC_CHECK_LOG_DIR:-}" ]; then
    mkdir -p "$KC_CHECK_LOG_DIR" && cp "$work"/*.log "$KC_CHECK_LOG_DIR"/ 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*"; }
die() { echo "keycloak-check: $*" >&2; exit 2; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 200); do
    p=$(( 20000 + RANDOM % 20000 ))
    port_free "$p" && { echo "$p"; return; }
  done
  die "no free port found"
}

if [ -n "$kc_port" ]; then jwks_port=${jwks_port:-$((kc_port + 1))}; fi
kc_port=${kc_port:-$(free_port)}
jwks_port=${jwks_port:-$(free_port)}
KC=http://127.0.0.1:$kc_port
if [ -n "$print_env" ]; then # the same variables as tools' KeycloakIssuer.variables()
  printf '%s\n' HOST=127.0.0.1 "JWT_ISSUER=$KC/realms/jwt-check" \
    "JWT_JWKS_URI=http://127.0.0.1:$jwks_port/realms/jwt-check/protocol/openid-connect/certs" \
    JWT_AUDIENCE=jwt-check-api JWT_REQUIRED_SCOPE=api.read JWT_JWKS_CACHE_SECONDS=5 \
    JWT_JWKS_REFRESH_MIN_SECONDS=1 JWT_JWKS_TIMEOUT_MS=1000
  exit 0
fi

# The targets: packaged apps (default), one launched command, or one URL.
command -v curl >/dev/null || die "curl is required"
command -v setsid >/dev/null || die "setsid (util-linux) is required"
source scripts/java21.sh
[ -f tools/target/jwt-tools.jar ] || ./mvnw -q -pl tools -am package -DskipTests || die "cannot build the tools"
targets=()
if [ -n "$target_url" ]; then
  [ -n "${kc_port:-}" ] || die "--url needs --kc-port: start your service with the variables printed for that port"
  targets+=(--url "${target_name:-service}=$target_url")
elif [ -n "$launch_cmd" ]; then
  targets+=(--app "${target_name:-service}=$launch_cmd")
else
  for app in "${apps[@]}"; do
    jar=$JAR_ROOT/$app/target/$app.jar
    [ -f "$jar" ] || die "$jar is missing: build the apps first (./mvnw -q package -DskipTests)"
    # Run a private copy (with the libs/ folder beside it, for Helidon), so that a rebuild while the check runs
    # cannot change the jar under a running JVM.
    mkdir -p "$work/jars/$app"
    cp "$jar" "$work/jars/$app/" || die "cannot copy $jar"
    if [ -d "$JAR_ROOT/$app/target/libs" ]; then
      cp -r "$JAR_ROOT/$app/target/libs" "$work/jars/$app/" || die "cannot copy libs"
    fi
    targets+=(--app "$app=exec '$JAVA' -jar '$work/jars/$app/$app.jar'")
  done
fi
if [ -n "$negative_control" ]; then
  command -v node >/dev/null || die "--negative-control needs node (Node.js)"
  targets+=(--lax "node-lax=UNSAFE_SKIP_AUDIENCE_CHECK_FOR_TESTS=1 exec node examples/node/server.js")
fi

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

log "starting Keycloak (dev mode, 127.0.0.1:$kc_port, JDK $kc_java_home)"
port_free "$kc_port" || die "port $kc_port is taken"
setsid env JAVA_HOME="$kc_java_home" KC_BOOTSTRAP_ADMIN_USERNAME=$ADMIN_USER \
  KC_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$KC_HOME/bin/kc.sh" start-dev --http-host 127.0.0.1 --http-port "$kc_port" >"$work/keycloak.log" 2>&1 </dev/null &
kc_pgid=$!
t0=$SECONDS
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$KC/realms/master")" = 200 ]; do
  if ! kill -0 "$kc_pgid" 2>/dev/null; then
    tail -n 20 "$work/keycloak.log" >&2; die "Keycloak exited while starting"
  fi
  [ $((SECONDS - t0)) -lt 240 ] || { tail -n 20 "$work/keycloak.log" >&2; die "Keycloak did not start within 240 s"; }
  sleep 1
done
log "Keycloak $KEYCLOAK_VERSION up at $KC after $((SECONDS - t0)) s; the real-issuer cases follow"

"$JAVA" -cp tools/target/jwt-tools.jar com.example.jwt.tools.RealIssuerCheck --keycloak "$KC" \
  --realm-dir scripts/keycloak --jwks-port "$jwks_port" --admin "$ADMIN_USER:$ADMIN_PASSWORD" "${targets[@]}"
