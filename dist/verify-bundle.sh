#!/usr/bin/env bash
# Acceptance test of the bundle: unpacks it into a scratch dir and runs it as a user without a JDK would,
# with an empty environment (env -i PATH=/usr/bin:/bin HOME=<scratch>), from another directory and through a
# symlink. Fails (exit 1) on the first broken expectation.
# Usage: verify-bundle.sh TARBALL | DIR   (DIR: the one kolla-doctor-*-linux-*.tar.gz in it, e.g. dist/target)
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 TARBALL|DIR" >&2; exit 64; }
tarball=$1
if [ -d "$tarball" ]; then
  shopt -s nullglob
  found=("$tarball"/kolla-doctor-*-linux-*.tar.gz)
  [ ${#found[@]} -eq 1 ] || { echo "verify-bundle: expected one kolla-doctor-*-linux-*.tar.gz in $tarball, found ${#found[@]}" >&2; exit 1; }
  tarball=${found[0]}
fi
[ -f "$tarball" ] || { echo "verify-bundle: $tarball: no such file" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kd-verify.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# A space in the path: the launcher must quote everything, and the start-up archive must survive the move.
unpack="$tmp/unpacked here"
mkdir -p "$unpack" "$tmp/home" "$tmp/links"
tar -xzf "$tarball" -C "$unpack"
tops=("$unpack"/*)
[ ${#tops[@]} -eq 1 ] && [ -d "${tops[0]}" ] || { echo "verify-bundle: the tarball must hold one top directory" >&2; exit 1; }
dir=${tops[0]}
version=${dir##*/kolla-doctor-}
ln -s "$dir/bin/kolla-doctor" "$tmp/links/kolla-doctor"

failures=0
pass() { echo "verify-bundle: ok   $*"; }
fail() { echo "verify-bundle: FAIL $*" >&2; failures=$((failures + 1)); }

# run EXPECTED_EXIT [VAR=value...] -- ARGS: runs the symlinked launcher in a clean environment from $tmp/home.
run() {
  local expected=$1; shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  set +e
  (cd "$tmp/home" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" "${envs[@]}" "$tmp/links/kolla-doctor" "$@") \
    >"$tmp/out" 2>"$tmp/err"
  code=$?
  set -e
  if [ "$code" -ne "$expected" ]; then
    fail "kolla-doctor $* exited $code, expected $expected; stderr:"; head -20 "$tmp/err" >&2
    return 1
  fi
}

if run 0 -- --version; then
  if [ "$(head -1 "$tmp/out")" = "kolla-doctor $version" ]; then pass "--version: $(head -1 "$tmp/out")"
  else fail "--version printed '$(head -1 "$tmp/out")', expected 'kolla-doctor $version'"; fi
fi

# The bundled runtime runs, whatever JAVA_HOME says (-XshowSettings goes to stderr and the run goes on).
if run 0 JAVA_HOME=/nonexistent/jdk KOLLA_DOCTOR_OPTS=-XshowSettings:properties -- --version; then
  java_home=$(sed -n 's/^ *java\.home = //p' "$tmp/err")
  if [ "$java_home" = "$dir/runtime" ]; then pass "runs on its own runtime ($java_home), JAVA_HOME ignored"
  else fail "java.home is '$java_home', expected $dir/runtime"; fi
fi

if run 2 -- check --demo; then
  if grep -q 'containers\.exited' "$tmp/out"; then pass "check --demo: exit 2 (FAIL findings), containers.exited reported"
  else fail "check --demo: no containers.exited in the report"; fi
fi

if run 2 -- check --demo --format json; then
  if python3 -m json.tool "$tmp/out" >/dev/null 2>"$tmp/json-err"; then
    if grep -q 'containers\.exited' "$tmp/out"; then pass "check --demo --format json: exit 2, valid JSON ($(wc -c <"$tmp/out") bytes)"
    else fail "check --demo --format json: no containers.exited in the JSON"; fi
  else
    fail "check --demo --format json: stdout is not valid JSON: $(cat "$tmp/json-err")"
  fi
  if [ -s "$tmp/err" ]; then fail "check --demo --format json wrote to stderr: $(head -3 "$tmp/err")"; fi
fi

# The start-up archive must map after the move into another directory (else every start is slow, silently).
if [ -f "$dir/lib/kolla-doctor.aot" ]; then strict=-XX:AOTMode=on kind="AOT cache"
elif [ -f "$dir/lib/kolla-doctor.jsa" ]; then strict=-Xshare:on kind="AppCDS archive"
else strict= kind=; fi
if [ -n "$strict" ]; then
  if run 0 KOLLA_DOCTOR_OPTS="$strict" -- --version; then pass "$kind in use after unpacking elsewhere"; fi
  # The command line's classes must come from the archive too (picocli's Java 5 classes are skipped unless
  # build-bundle.sh rewrote them): -Xlog:class+load says where each class came from.
  if run 0 KOLLA_DOCTOR_OPTS="$strict -Xlog:class+load=info:stderr" -- --version; then
    from_jar=$(grep -c 'picocli\..* source: file:' "$tmp/err" || true)
    if grep -q 'picocli\.CommandLine source: shared objects file' "$tmp/err" && [ "$from_jar" -eq 0 ]; then
      pass "picocli's classes come from the $kind"
    else
      fail "$from_jar picocli classes loaded from the jar, not the $kind (the start-up archive skips Java 5 classes)"
    fi
  fi
else
  echo "verify-bundle: note: the bundle has no start-up archive"
fi

if [ "$failures" -gt 0 ]; then
  echo "verify-bundle: $failures check(s) failed for $tarball" >&2
  exit 1
fi
echo "verify-bundle: $tarball is good"
