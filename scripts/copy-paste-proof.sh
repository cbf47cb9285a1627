#!/usr/bin/env bash
# Copy-paste proof: for each app, a fresh standalone Maven project made as a reader makes it: the app's src/main, plus
# the src/main of its JOSE library's hardening module (jose4j-hardening or nimbus-hardening), and the dependency
# blocks of the app's README (the ```xml blocks before its section 2: the app's own, then the module's). Each block must equal the <!-- copy-paste --> block
# of its pom. The project is built and checked with the contract CLI. If a reader can't copy it, this fails.
#
#   scripts/copy-paste-proof.sh [--full] [APP...]     every app (scripts/apps.sh), or the ones named
#
# The copy runs the contract's smoke cases: a valid token of each algorithm, no token, an expired one, alg none, the
# required scope, a JSON 404, a JWKS outage and both kinds of bad configuration. They fail when a dependency, a
# resource or a setting did not come with the copy. The whole contract runs on the same src/main in each app's
# ContractTest and on its packaged jar in compare.sh; --full runs it here too.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/java21.sh
smoke=ANS-1.1,ALG-1.1,ALG-1.2,CLM-2.2,ANS-2.1,ANS-8.1,JWKS-4.2,CFG-1.1,CFG-2.1,GW-3.2
only=(--only "$smoke")
if [ "${1:-}" = --full ]; then only=(); shift; fi
apps=("$@")
[ ${#apps[@]} -gt 0 ] || mapfile -t apps < <(bash scripts/apps.sh)

[ -f shared-tests/target/jwt-contract.jar ] || ./mvnw -q -pl shared-tests package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The lines between <!-- copy-paste: begin --> and <!-- copy-paste: end --> of a pom, without their indentation.
pom_block() { awk '/copy-paste: end/ {grab=0} grab; /copy-paste: begin/ {grab=1}' "$1" | sed 's/^ *//'; }
# The ```xml dependency blocks of a README before its "## 2." heading (not a block that starts with <plugin> or
# <dependencyManagement>), without their indentation.
readme_blocks() {
  awk '/^## 2\./ {exit} /^```xml$/ {grab=1; first=1; next} /^```$/ {grab=0}
    grab && first {first=0; if ($0 ~ /^ *<(plugin|dependencyManagement)>/) grab=0} grab' "$1" | sed 's/^ *//'
}
# The README's ```xml block that starts with <TAG>, as it is.
readme_block() {
  awk -v tag="<$2>" '/^```xml$/ {grab=1; first=1; next} /^```$/ {grab=0; keep=0}
    grab && first {first=0; keep=(index($0, tag) > 0)} grab && keep' "$1"
}

failed=()
for app in "${apps[@]}"; do
  project="$work/$app"
  mkdir -p "$project/src"
  cp -r "$app/src/main" "$project/src/main"
  cp -r .mvn "$project/.mvn" # the Maven wrapper's settings (not part of the app)
  expected=$(pom_block "$app/pom.xml")
  for module in jose4j-hardening nimbus-hardening; do
    if grep -q "<artifactId>$module</artifactId>" "$app/pom.xml"; then
      cp -r "$module/src/main/." "$project/src/main/" # the module's package next to the app's
      expected+=$'\n'$(pom_block "$module/pom.xml")
    fi
  done
  dependencies=$(readme_blocks "$app/README.md")
  if [ "$dependencies" != "$expected" ]; then
    echo "copy-paste: $app/README.md's dependency blocks differ from the poms' copy-paste blocks:"
    diff <(echo "$expected") <(echo "$dependencies") | head -n 20 || true
    exit 1
  fi
  # A framework that works at build time needs its build plugin too: the README's ```xml block that starts with
  # <plugin>. Micronaut's configures the compiler (its annotation processors), in place of the plain compiler plugin;
  # Quarkus's builds the app at package time, next to it.
  plugin=$(readme_block "$app/README.md" plugin)
  # A framework whose versions come from its BOM (Quarkus: its build needs the BOM's properties too).
  management=$(readme_block "$app/README.md" dependencyManagement)
  compiler='      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>'
  if grep -q '<artifactId>maven-compiler-plugin</artifactId>' <<<"$plugin"; then
    compiler=$plugin
  elif [ -n "$plugin" ]; then
    compiler+=$'\n'$plugin
  fi
  cat > "$project/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>copy.paste</groupId>
  <artifactId>$app-copy</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>21</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
$management
  <dependencies>
$dependencies
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-toolchains-plugin</artifactId>
        <version>3.2.0</version>
        <executions>
          <execution>
            <goals><goal>select-jdk-toolchain</goal></goals>
            <configuration><version>[21,)</version></configuration>
          </execution>
        </executions>
      </plugin>
$compiler
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
    </plugins>
  </build>
</project>
POM
  echo "== $app: building a standalone copy in $project"
  if grep -q '<artifactId>quarkus-maven-plugin</artifactId>' <<<"$plugin"; then
    # Quarkus runs only as it built itself: the copy is packaged (application.properties names target/quarkus.jar).
    (cd "$project" && "$root/mvnw" -q package -DskipTests)
    command="'$JAVA' -jar '$project/target/$app.jar'"
  else
    (cd "$project" && "$root/mvnw" -q compile dependency:build-classpath -Dmdep.outputFile=classpath.txt)
    command="'$JAVA' -cp '$project/target/classes:$(cat "$project/classpath.txt")' com.example.jwt.$app.Main"
  fi
  [ "$app" = dropwizard ] && command="ADMIN_PORT=0 $command"
  if "$JAVA" -jar shared-tests/target/jwt-contract.jar --launch "$command" --framework "$app" "${only[@]}" \
    > "$work/$app.log" 2>&1; then
    echo "   $(tail -n 1 "$work/$app.log")"
  else
    grep -v '^PASS' "$work/$app.log" | tail -n 20
    failed+=("$app")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then echo "copy-paste proof failed for: ${failed[*]}"; exit 1; fi
what="the contract's smoke cases"; [ ${#only[@]} -gt 0 ] || what="the whole contract"
echo "copy-paste proof: ${apps[*]} build and pass $what from src/main and their README's dependencies alone"
