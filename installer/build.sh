#!/usr/bin/env bash
# Builds the zkML Workbench desktop installer with jlink + jpackage.
#
#   bash installer/build.sh [--app-image-only] [--skip-jar-build]
#
#   --app-image-only  stop after the app image (CI: the .deb/.msi/.dmg step adds minutes and
#                     proves nothing the image does not)
#   --skip-jar-build  use target/zkml-workbench.jar as it is, even if it is older than src/
#
# Output (all under target/installer/):
#   Linux    zkml-workbench/ (app image)       + zkml-workbench_<version>-1_amd64.deb
#   macOS    zkml-workbench.app                + zkml-workbench-<version>.dmg
#   Windows  zkml-workbench/ (app image)       + zkml-workbench-<version>.msi
#
# Only the Linux branch has been run (Debian 12, OpenJDK 17). The macOS and Windows branches
# follow the jpackage documentation but are untested; see installer/README.md.
#
# macOS (.dmg): needs Xcode command line tools (for iconutil/codesign) and a JDK 17+ with
#   jpackage on that Mac; run this script there. It uses assets/icons/app-icon.icns and
#   `--type dmg --mac-package-identifier io.zkml.workbench`. The jar must be built on the Mac
#   (the script passes -Dnative.classifier so ND4J/OpenBLAS ship the Mac natives).
# Windows (.msi): needs WiX Toolset 3.x (candle.exe/light.exe on PATH) and a JDK 17+; run
#   this script from Git Bash. It uses assets/icons/app-icon.ico and
#   `--type msi --win-menu --win-shortcut --win-dir-chooser`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APP_NAME="zkml-workbench"
APP_TITLE="zkML Workbench"
VENDOR="zkML Workbench"
MAIN_JAR="zkml-workbench.jar"
MAIN_CLASS="io.zkml.workbench.Launcher"
OUT="$ROOT/target/installer"
WORK="$OUT/work"

app_image_only=false
skip_jar_build=false
for arg in "$@"; do
  case "$arg" in
    --app-image-only) app_image_only=true ;;
    --skip-jar-build) skip_jar_build=true ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[installer] %s\n' "$*" >&2; }
die() { printf '[installer] ERROR: %s\n' "$*" >&2; exit 1; }
SECONDS=0

case "$(uname -s)" in
  Linux*)                OS=linux ;;
  Darwin*)               OS=mac ;;
  MINGW*|MSYS*|CYGWIN*)  OS=windows ;;
  *) die "unsupported system $(uname -s)" ;;
esac

# --- JDK -------------------------------------------------------------------------------------
# The runtime is linked from the JDK's own jmods, so the JDK must be 17 (the project's release)
# and must ship jmods; Debian's openjdk-17-jdk does, some slim images do not.
find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64)
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(cd "$(dirname "$(readlink -f "$(command -v javac)")")/.." && pwd)")
  fi
  local jdk
  for jdk in "${candidates[@]}"; do
    if [ -x "$jdk/bin/jpackage" ] || [ -x "$jdk/bin/jpackage.exe" ]; then
      if [ -d "$jdk/jmods" ] && "$jdk/bin/java" -version 2>&1 | grep -q 'version "17'; then
        echo "$jdk"; return 0
      fi
    fi
  done
  return 1
}
JDK="$(find_jdk)" || die "no JDK 17 with jpackage and jmods found; set JAVA_HOME (Debian: apt-get install openjdk-17-jdk)"
log "JDK: $JDK"

# --- build tools -----------------------------------------------------------------------------
# jpackage shells out to these for a .deb; only install what is missing, and only as root,
# so a developer's machine is never modified behind their back.
ensure_linux_tools() {
  local missing=()
  command -v fakeroot >/dev/null 2>&1 || missing+=(fakeroot)
  command -v objcopy  >/dev/null 2>&1 || missing+=(binutils)
  dpkg -s dpkg-dev >/dev/null 2>&1   || missing+=(dpkg-dev)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing packages: ${missing[*]} (run as root or: sudo apt-get install ${missing[*]})"
  fi
}
if [ "$OS" = linux ] && ! $app_image_only; then ensure_linux_tools; fi

# --- the jar ---------------------------------------------------------------------------------
JAR="$ROOT/target/$MAIN_JAR"
# Rebuilt when missing or older than its sources, so a stale jar left in target/ is never
# packaged (CI's `mvn test` alone leaves no jar; a developer's tree often has an old one).
# The jar records the SHA-256 of the sidecar it ships (prove.SidecarManifest) and refuses any
# other, so a sidecar script edited after the jar was built makes the jar stale too.
jar_stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/src/sidecar" -path "$ROOT/src/sidecar/node_modules" -prune \
      -o -newer "$JAR" -print -quit 2>/dev/null)" ]
}
if ! $skip_jar_build && jar_stale; then
  mvn_args=(-q -B package -DskipTests)
  # The pom defaults to Linux natives; elsewhere ND4J/OpenBLAS (and ONNX Runtime) need the platform's own.
  case "$OS" in
    mac)     mvn_args+=("-Dnative.classifier=macosx-$([ "$(uname -m)" = arm64 ] && echo arm64 || echo x86_64)"
                        "-Donnxruntime.platform=osx-$([ "$(uname -m)" = arm64 ] && echo aarch64 || echo x64)") ;;
    windows) mvn_args+=(-Dnative.classifier=windows-x86_64 -Donnxruntime.platform=win-x64) ;;
  esac
  log "building the jar: mvn ${mvn_args[*]}"
  # Offline first: CI and developer machines usually have the repository; fall back to online.
  mvn -o "${mvn_args[@]}" || mvn "${mvn_args[@]}"
fi
[ -f "$JAR" ] || die "$JAR is missing (drop --skip-jar-build or run mvn package)"

# The pom is the single source of the version; the first <version> after our artifactId is
# the project's own (the pom has no <parent>).
POM_VERSION="$(sed -n '/<artifactId>zkml-workbench<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
[ -n "$POM_VERSION" ] || die "could not read the version from pom.xml"
# jpackage wants 1-3 numeric components (the MSI and macOS bundle formats require it), so a
# -SNAPSHOT suffix is dropped from the package version; `zkml-workbench version` still
# prints the full pom version from the jar.
APP_VERSION="${POM_VERSION%%-*}"
log "version: $POM_VERSION (package version $APP_VERSION)"

# --- the sidecar -----------------------------------------------------------------------------
SIDECAR="$ROOT/src/sidecar"
if [ ! -d "$SIDECAR/node_modules/@provablehq/sdk" ]; then
  command -v npm >/dev/null 2>&1 || die "npm is needed to install the sidecar's packages (apt-get install npm)"
  log "npm ci in src/sidecar"
  (cd "$SIDECAR" && npm ci --no-audit --no-fund)
fi

# --- stage jpackage's input --------------------------------------------------------------------
# jpackage copies everything in --input into the image's app folder ($APPDIR). Staging the
# sidecar there is how JDK 17 (which has no --app-content) gets it into the image, and it lands
# in the same place on every OS: lib/app (Linux), app (Windows), Contents/app (macOS).
rm -rf "$WORK" "$OUT/$APP_NAME" "$OUT/$APP_NAME.app"
mkdir -p "$WORK/input/sidecar" "$OUT"
# A hard link avoids copying 200 MB when target/ is on one file system.
ln "$JAR" "$WORK/input/$MAIN_JAR" 2>/dev/null || cp "$JAR" "$WORK/input/$MAIN_JAR"
# node_modules/.bin holds symlinks to CLI tools the sidecar never runs; jpackage would copy
# them as duplicate files.
(cd "$SIDECAR" && tar -cf - --exclude=node_modules/.bin --exclude='*.log' \
    package.json package-lock.json ./*.mjs node_modules) | tar -xf - -C "$WORK/input/sidecar"

# --- jlink -----------------------------------------------------------------------------------
# `jdeps --print-module-deps` on the shaded jar (40 s, so not run on every build) reports
# java.base,java.compiler,java.desktop,java.naming,java.sql,jdk.jfr,jdk.management,jdk.unsupported.
# The rest are loaded reflectively or through services and jdeps cannot see them:
#   java.scripting, java.management, java.logging, java.xml  - Logback/DL4J configuration
#   jdk.crypto.ec       - TLS to the parameter/model download hosts
#   jdk.zipfs           - zip file systems (model archives)
#   jdk.charsets        - non-UTF-8 CSV datasets
#   jdk.localedata      - number formatting in users' locales
JLINK_MODULES="java.base,java.compiler,java.desktop,java.naming,java.sql,jdk.jfr,jdk.management,jdk.unsupported"
JLINK_MODULES+=",java.scripting,java.management,java.logging,java.xml,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.localedata"
log "jlink: $JLINK_MODULES"
jlink_args=(--module-path "$JDK/jmods" --add-modules "$JLINK_MODULES"
            --strip-debug --no-header-files --no-man-pages --compress=2
            --output "$WORK/runtime")
# Strips the JDK's native libraries too (needs objcopy); not available on Windows.
[ "$OS" = linux ] && command -v objcopy >/dev/null 2>&1 && jlink_args+=(--strip-native-debug-symbols objcopy="$(command -v objcopy)")
"$JDK/bin/jlink" "${jlink_args[@]}"

# --- common jpackage options -------------------------------------------------------------------
# $APPDIR is expanded by the jpackage launcher, not by this shell (hence the single quotes).
# -Xmx4g: training and calibration of the bigger samples need more than the default quarter of
# RAM on small machines, while proving runs in the Node process and needs its memory left free.
# ND4J's off-heap limit follows -Xmx (javacpp maxbytes), so this also bounds native buffers.
JAVA_OPTIONS=('-Dzkml.sidecarDir=$APPDIR/sidecar' '-Xmx4g')
common=(--name "$APP_NAME" --app-version "$APP_VERSION" --vendor "$VENDOR"
        --description "Turns Deeplearning4j networks into Aleo zero-knowledge programs and proves them"
        --copyright "zkML Workbench contributors")
image_args=("${common[@]}" --input "$WORK/input" --main-jar "$MAIN_JAR" --main-class "$MAIN_CLASS"
            --runtime-image "$WORK/runtime" --dest "$OUT")
for opt in "${JAVA_OPTIONS[@]}"; do image_args+=(--java-options "$opt"); done

case "$OS" in
  linux)   ICON="$ROOT/assets/icons/app-icon-256.png" ;;
  mac)     ICON="$ROOT/assets/icons/app-icon.icns" ;;
  windows) ICON="$ROOT/assets/icons/app-icon.ico" ;;
esac
[ -f "$ICON" ] || die "icon $ICON is missing (java installer/PlatformIcons.java writes the .ico/.icns from the PNGs)"
image_args+=(--icon "$ICON")
# Windows GUI launchers have no console, so the CLI half of the launcher would print nowhere.
[ "$OS" = windows ] && image_args+=(--win-console)

# The association file gets the icon's absolute path here so the committed file stays portable.
ASSOC="$WORK/zkwb.properties"
cp "$ROOT/installer/zkwb.properties" "$ASSOC"
printf 'icon=%s\n' "$ICON" >>"$ASSOC"

# --- app image -------------------------------------------------------------------------------
t0=$SECONDS
log "jpackage --type app-image"
"$JDK/bin/jpackage" --type app-image "${image_args[@]}"
case "$OS" in
  mac) IMAGE="$OUT/$APP_NAME.app" ;;
  *)   IMAGE="$OUT/$APP_NAME" ;;
esac
log "app image: $IMAGE ($(du -sh "$IMAGE" | cut -f1), ${SECONDS}s so far, jpackage $((SECONDS - t0))s)"

if $app_image_only; then
  log "done (--app-image-only) in ${SECONDS}s"
  exit 0
fi

# --- native package --------------------------------------------------------------------------
# Packaging from the finished image (instead of --input again) reuses the linked runtime and
# the copied sidecar; launcher, java options and main class are already baked into the image.
pkg_args=(--app-image "$IMAGE" "${common[@]}" --dest "$OUT" --icon "$ICON"
          --file-associations "$ASSOC")
case "$OS" in
  linux)
    rm -f "$OUT"/"$APP_NAME"_*.deb
    # The JavaFX natives sit inside the jar where jpackage's dependency scan cannot see them,
    # so GTK 3 is named by hand. Node.js stays a documented prerequisite: users often install
    # it from nvm or NodeSource, which a Depends line would fight with.
    # installer/linux/zkml-workbench.desktop replaces jpackage's desktop entry template: the
    # default is titled with the package name and starts the launcher with no arguments, so a
    # double-clicked project would go to the CLI; `--ui %F` hands it to the workbench window.
    pkg_args+=(--resource-dir "$ROOT/installer/linux")
    # dpkg-deb's default xz takes ~5 minutes on 2 cores for 10% less than gzip's ~20 s;
    # DPKG_DEB_COMPRESSOR_TYPE=gzip in the environment trades the size for the time.
    pkg_args+=(--type deb --linux-shortcut --linux-menu-group "Development;Science;"
               --linux-app-category science --linux-package-deps "libgtk-3-0"
               --linux-deb-maintainer "dev@zkml.local")
    ;;
  mac)
    rm -f "$OUT"/"$APP_NAME"-*.dmg
    pkg_args+=(--type dmg --mac-package-identifier io.zkml.workbench --mac-package-name "$APP_TITLE")
    ;;
  windows)
    rm -f "$OUT"/"$APP_NAME"-*.msi
    # A fixed upgrade UUID lets a newer .msi replace an installed older one.
    pkg_args+=(--type msi --win-menu --win-menu-group "$APP_TITLE" --win-shortcut --win-dir-chooser
               --win-upgrade-uuid 6f1d3c52-8a7e-4b1f-9a0e-2f5c1e7d9b34)
    ;;
esac
t0=$SECONDS
log "jpackage ${pkg_args[*]}"
"$JDK/bin/jpackage" "${pkg_args[@]}"
for f in "$OUT"/*.deb "$OUT"/*.dmg "$OUT"/*.msi; do
  [ -f "$f" ] && log "package: $f ($(du -h "$f" | cut -f1), jpackage $((SECONDS - t0))s)"
done
log "done in ${SECONDS}s"
