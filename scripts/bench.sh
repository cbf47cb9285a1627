#!/usr/bin/env bash
# The benchmark (not part of the tests): the raw signature-verification cost per algorithm (JMH, one thread), then
# wrk against each packaged app with the mock issuer. Writes BENCHMARKS.md and benchmarks/results.svg (the latest
# run only). Arguments go to the load driver, e.g. --apps javalin --seconds 2 --rounds 1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java21.sh

if ! command -v wrk >/dev/null; then
  echo "== Installing wrk (Debian package)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  ($sudo apt-get update -qq && $sudo apt-get install -y -qq wrk) >/dev/null \
    || { echo "bench: wrk is missing and could not be installed (Debian package wrk)" >&2; exit 2; }
fi
[ -r /proc/self/stat ] || { echo "bench: needs Linux /proc to read each app's CPU time"; exit 1; }

echo "== Building (./mvnw -q package -DskipTests)"
./mvnw -q package -DskipTests

echo "== Raw signature verification (JMH, one thread, about 2 minutes)"
"$JAVA" -jar benchmarks/target/benchmarks.jar VerifyBenchmark -foe true -f 2 -wi 3 -w 1 -i 5 -r 1 -t 1 \
  -rf json -rff benchmarks/target/jmh.json | grep -E '^(Benchmark|VerifyBenchmark)'

echo "== Load, one app at a time"
apps=$(bash scripts/apps.sh | paste -sd, -)
case " $* " in *" --apps "*) ;; *) set -- --apps "$apps" "$@" ;; esac
"$JAVA" -cp benchmarks/target/benchmarks.jar com.example.jwt.bench.LoadBenchmark "$@"

echo "== Wrote BENCHMARKS.md and benchmarks/results.svg"
