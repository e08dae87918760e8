#!/usr/bin/env bash
# Smoke test of the packaged application: builds the app image and runs its own launcher (the
# jlinked runtime, the .cfg's java options, the jar as installed), not `java -jar`. Prints one
# "SMOKE TEST: PASS" / "SMOKE TEST: FAIL (...)" line; exit code 0 only on PASS.
#
#   bash installer/smoke-test.sh [--skip-build]   # --skip-build: test the existing image
#
# Headless: both commands are CLI commands, so no display is needed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="$ROOT/target/installer/zkml-workbench"
LAUNCHER="$IMAGE/bin/zkml-workbench"
MODEL="$ROOT/sample-models/iris-tiny.zip"
LOG="$ROOT/target/installer/smoke-test.log"

skip_build=false
[ "${1:-}" = "--skip-build" ] && skip_build=true

SECONDS=0
fail() {
  echo "SMOKE TEST: FAIL ($1) after ${SECONDS}s; output in $LOG" >&2
  exit 1
}

mkdir -p "$(dirname "$LOG")"
# The build is part of what is tested, so it runs every time in CI; --skip-jar-build is not
# passed because on a clean CI machine `mvn test` leaves no jar behind.
if ! $skip_build; then
  bash "$ROOT/installer/build.sh" --app-image-only >"$LOG.build" 2>&1 || { cp "$LOG.build" "$LOG"; fail "installer/build.sh --app-image-only failed"; }
fi
build_s=$SECONDS
[ -x "$LAUNCHER" ] || fail "no launcher at $LAUNCHER"

: >"$LOG"
# Run from another directory so that nothing resolves relative to the source tree by accident,
# with a planted sidecar in it: the installation must run its own (SidecarConfig never looks in
# the working directory).
cd "$(mktemp -d)"
mkdir -p src/sidecar sidecar
echo "// planted" >src/sidecar/sidecar.mjs
echo "// planted" >sidecar/sidecar.mjs

version_out="$("$LAUNCHER" version 2>>"$LOG")" || fail "'zkml-workbench version' exited with $?"
echo "$version_out" >>"$LOG"
case "$version_out" in
  zkml-workbench\ *) ;;
  *) fail "'zkml-workbench version' printed '$version_out'" ;;
esac

json_out="$("$LAUNCHER" inspect "$MODEL" --json 2>>"$LOG")" || fail "'zkml-workbench inspect iris-tiny.zip --json' exited with $?"
echo "$json_out" >>"$LOG"
grep -q '"model"' <<<"$json_out" || fail "inspect --json output has no \"model\" field"

# The sidecar must be in the image where the launcher's -Dzkml.sidecarDir points.
[ -f "$IMAGE/lib/app/sidecar/sidecar.mjs" ] || fail "sidecar.mjs missing from the image"
[ -d "$IMAGE/lib/app/sidecar/node_modules/@provablehq/sdk" ] || fail "sidecar node_modules missing from the image"
grep -q 'zkml.sidecarDir=\$APPDIR/sidecar' "$IMAGE/lib/app/zkml-workbench.cfg" || fail "launcher .cfg does not set zkml.sidecarDir"

# The launcher runs the image's sidecar, and its files are the ones the jar recorded at build time.
sidecar_out="$("$LAUNCHER" version --sidecar 2>>"$LOG")" || fail "'zkml-workbench version --sidecar' refused the image's sidecar (see $LOG)"
echo "$sidecar_out" >>"$LOG"
grep -q "sidecar: $IMAGE/lib/app/sidecar (as shipped)" <<<"$sidecar_out" || fail "the launcher does not run the image's sidecar: '$sidecar_out'"

echo "SMOKE TEST: PASS ($version_out; image $(du -sh "$IMAGE" | cut -f1); build ${build_s}s, total ${SECONDS}s)"
