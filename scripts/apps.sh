#!/usr/bin/env bash
# The apps of this repository, one a line: every folder with an app's JwtAuth.java
# (<app>/src/main/java/com/example/jwt/<app>/JwtAuth.java). The one place that knows which apps there are: the other
# scripts and CI take their list from here, so a new framework's folder is picked up without editing them.
set -euo pipefail
cd "$(dirname "$0")/.."
for jwt_auth in */src/main/java/com/example/jwt/*/JwtAuth.java; do
  [ -f "$jwt_auth" ] || continue
  app=${jwt_auth%%/*}
  [ "$jwt_auth" = "$app/src/main/java/com/example/jwt/$app/JwtAuth.java" ] && echo "$app"
done
