#!/usr/bin/env bash
# Two checks the compiler cannot make:
# 1. The three jose4j apps share their library-level files verbatim, all but the package line: a fix made in one copy
#    must reach the other two. (Each app's framework-level files, JwtAuth.java and the rest, stay its own.)
# 2. No line of Java is longer than 120 characters (the formatter wraps code, not comments).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=(BearerToken FastSignatures JwksFetch JwksKeys Rejection TokenChecks TokenVerifier)
status=0
for name in "${shared[@]}"; do
  reference=javalin/src/main/java/com/example/jwt/javalin/$name.java
  for app in dropwizard helidon; do
    copy=$app/src/main/java/com/example/jwt/$app/$name.java
    if [ ! -f "$copy" ]; then
      echo "check-sources: $copy is missing (it is a copy of $reference)"; status=1; continue
    fi
    if [ "$(head -n 1 "$copy")" != "package com.example.jwt.$app;" ] \
        || ! diff -q <(tail -n +2 "$reference") <(tail -n +2 "$copy") > /dev/null; then
      echo "check-sources: $copy has drifted from $reference; make the same change in all three copies:"
      diff <(tail -n +2 "$reference") <(tail -n +2 "$copy") | head -n 20 || true
      status=1
    fi
  done
done
long=$(git ls-files '*.java' | xargs awk 'length > 120 { print FILENAME ":" FNR ": " length " characters" }')
if [ -n "$long" ]; then
  echo "check-sources: lines over 120 characters:"; echo "$long"; status=1
fi
[ $status -ne 0 ] || echo "check-sources: ${#shared[@]} jose4j files identical in javalin, dropwizard, helidon; no line over 120"
exit $status
