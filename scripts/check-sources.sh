#!/usr/bin/env bash
# A check the compiler and the formatter cannot make: no line of Java is longer than 120 characters (the formatter
# wraps code, not comments).
set -euo pipefail
cd "$(dirname "$0")/.."
long=$(git ls-files '*.java' | xargs awk 'length > 120 { print FILENAME ":" FNR ": " length " characters" }')
if [ -n "$long" ]; then
  echo "check-sources: lines over 120 characters:"; echo "$long"; exit 1
fi
echo "check-sources: no line of Java over 120 characters"
