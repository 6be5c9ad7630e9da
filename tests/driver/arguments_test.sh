#!/usr/bin/env bash
# Runs ./badung with bad arguments. Each run must exit with status 2 and
# print exactly one line, the error, before it installs or builds anything
# (a build would add its "building ..." line or its output).
set -uo pipefail

driver=$1
failures=0

# expect_error EXPECTED ARGS...: checks one run.
expect_error() {
  local expected=$1
  shift
  local output status
  output=$(timeout 30 "$driver" "$@" 2>&1)
  status=$?
  local lines
  lines=$(printf '%s\n' "$output" | wc -l)
  if [ "$status" -ne 2 ] || [ "$lines" -ne 1 ] || [[ "$output" != *"$expected"* ]]; then
    printf 'FAIL: ./badung %s\n  expected status 2 and one line containing: %s\n  got status %s, %s lines:\n%s\n' \
      "$*" "$expected" "$status" "$lines" "$output" >&2
    failures=$((failures + 1))
  fi
}

expect_error "--port 'abc' is not a port number; use 0..65535" serve --port abc
expect_error "--port '65536' is not a port number" serve --port 65536
expect_error "option --host needs a value" serve --host
expect_error "unknown option '--prot' for serve" serve --prot 8080
expect_error "--tls-cert and --tls-key go together" serve --tls-cert cert.pem
expect_error "backup needs --out FILE" backup
expect_error "backup needs --out FILE" backup --data-dir var
expect_error "unknown option 'out.sqlite' for backup" backup out.sqlite

help=$("$driver" help 2>&1)
if [[ "$help" != *"--tls-cert FILE --tls-key FILE"* ]]; then
  printf 'FAIL: ./badung help does not name --tls-cert FILE --tls-key FILE:\n%s\n' "$help" >&2
  failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  printf '%s check(s) failed\n' "$failures" >&2
  exit 1
fi
echo "all driver argument checks passed"
