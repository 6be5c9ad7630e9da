#!/usr/bin/env bash
# Runs the driver's build_data function against a stand-in data tool. When
# the tool exits 1 and its report marks the build complete (only features
# were dropped), the driver warns and serves the rest. When the report
# marks it incomplete (a layer or an output failed), or there is no
# report, the driver must stop with an error and remove
# dist/data/catalog.json, its up-to-date stamp, so the next run builds
# again instead of taking the partial data as current.
set -uo pipefail

driver=$1
failures=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The driver's own functions, without running its main.
eval "$(sed -n '/^log()/p; /^die()/p; /^build_data()/,/^}/p' "$driver")"

ROOT="$work/repo"
BUILD="$ROOT/build"
mkdir -p "$ROOT/geodata" "$BUILD/native/geodata"
tool="$BUILD/native/geodata/badung-geodata"

# write_tool STATUS [COMPLETE]: a data tool that writes catalog.json, and
# build-report.json with "complete": COMPLETE when given, and exits STATUS.
write_tool() {
  local report=''
  if [ -n "${2:-}" ]; then
    report="printf '{\\n  \"complete\": $2\\n}\\n' > \"$ROOT/dist/data/build-report.json\""
  fi
  printf '#!/usr/bin/env bash\nmkdir -p "%s/dist/data"\necho "{}" > "%s/dist/data/catalog.json"\n%s\nexit %s\n' \
    "$ROOT" "$ROOT" "$report" "$1" > "$tool"
  chmod +x "$tool"
  touch -d '1 minute ago' "$ROOT/geodata"
}

check() {
  if ! eval "$1"; then
    printf 'FAIL: %s\n' "$2" >&2
    failures=$((failures + 1))
  fi
}

write_tool 1 false
output=$( (build_data) 2>&1 )
status=$?
check '[ "$status" -ne 0 ]' "build_data must fail when a layer failed (got status $status)"
check '[ ! -f "$ROOT/dist/data/catalog.json" ]' "the stamp must be removed after a failed data build"
check '[[ "$output" == *"the map data build failed"* ]]' "missing error line, got: $output"

# A complete report left by an earlier run does not count for a run that
# writes none.
printf '{\n  "complete": true\n}\n' > "$ROOT/dist/data/build-report.json"
write_tool 1
output=$( (build_data) 2>&1 )
status=$?
check '[ "$status" -ne 0 ]' "build_data must fail when the tool exits 1 without a report (got status $status)"
check '[ ! -f "$ROOT/dist/data/catalog.json" ]' "the stamp must be removed when the tool writes no report"

write_tool 1 true
output=$( (build_data) 2>&1 )
status=$?
check '[ "$status" -eq 0 ]' "build_data must serve the rest when only features were dropped (got status $status: $output)"
check '[ -f "$ROOT/dist/data/catalog.json" ]' "the stamp must stay when only features were dropped"
check '[[ "$output" == *"are left off the map"* ]]' "missing warning line, got: $output"

write_tool 0
output=$( (build_data) 2>&1 )
status=$?
check '[ "$status" -eq 0 ]' "build_data must succeed when the tool exits 0 (got status $status: $output)"
check '[ -f "$ROOT/dist/data/catalog.json" ]' "the stamp must stay after a good data build"

if [ "$failures" -ne 0 ]; then
  printf '%s check(s) failed\n' "$failures" >&2
  exit 1
fi
echo "all build_data checks passed"
