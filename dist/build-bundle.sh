#!/usr/bin/env bash
# Builds the self-contained bundle: OUT_DIR/kolla-doctor-VERSION-linux-ARCH.tar.gz holding
#   kolla-doctor-VERSION/bin/kolla-doctor   the launcher (plain sh; resolves its own dir; no JAVA_HOME needed)
#   kolla-doctor-VERSION/lib/app/*.jar      the app and its libraries, plus the training driver (see below)
#   kolla-doctor-VERSION/lib/kolla-doctor.aot (JDK >= 25) or kolla-doctor.jsa (JDK 21-24): start-up archive
#   kolla-doctor-VERSION/runtime/           a jlinked Java runtime with only the modules the jars use
#   kolla-doctor-VERSION/LICENSE, README.md when the repository has them
#
# Usage: build-bundle.sh VERSION APP_TARGET_DIR OUT_DIR   (run by dist/pom.xml at package time)
#   APP_TARGET_DIR holds kolla-doctor-app.jar and lib/*.jar (app/pom.xml copies the runtime dependencies there).
# Environment: KD_BUNDLE_ARCHIVE=auto|aot|cds|none (default auto: aot when the linking JDK is >= 25, else cds).
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 VERSION APP_TARGET_DIR OUT_DIR" >&2; exit 64; }
version=$1 app_dir=$2 out_dir=$3
[ -d "$app_dir" ] || { echo "build-bundle: $app_dir: no such directory (build the app module first)" >&2; exit 1; }
app_dir=$(cd "$app_dir" && pwd)
mkdir -p "$out_dir" && out_dir=$(cd "$out_dir" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

. "$root/scripts/jdk.sh"
pick_jdk
jdk_major=$(java_major "$JAVA_HOME")

app_jar=$app_dir/kolla-doctor-app.jar
[ -f "$app_jar" ] || { echo "build-bundle: $app_jar is missing (build the app module first)" >&2; exit 1; }

case $(uname -m) in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=aarch64 ;;
  *) arch=$(uname -m) ;;
esac
name=kolla-doctor-$version
tarball=$out_dir/$name-linux-$arch.tar.gz
work=$out_dir/bundle
stage=$work/$name
rm -rf "$work" "$tarball"
mkdir -p "$stage/bin" "$stage/lib/app" "$work/tmp"

log() { echo "build-bundle: $*" >&2; }

# --- the jars, in the order of the app jar's manifest Class-Path (= Maven's resolution order) ---------------
manifest_value() { # jar key: prints the (continuation-joined) value of a main-section manifest attribute
  (cd "$work/tmp" && "$JAVA_HOME/bin/jar" --extract --file "$1" META-INF/MANIFEST.MF)
  tr -d '\r' < "$work/tmp/META-INF/MANIFEST.MF" | awk -v key="$2:" '
    $1 == key { on = 1; v = substr($0, length(key) + 2); next }
    on && /^ / { v = v substr($0, 2); next }
    { on = 0 }
    END { print v }'
}
main_class=$(manifest_value "$app_jar" Main-Class)
[ -n "$main_class" ] || { log "no Main-Class in $app_jar"; exit 1; }
jars=(kolla-doctor-app.jar)
cp "$app_jar" "$stage/lib/app/"
for entry in $(manifest_value "$app_jar" Class-Path); do
  jar=$app_dir/$entry
  [ -f "$jar" ] || { log "$jar (Class-Path of the app jar) is missing"; exit 1; }
  cp "$jar" "$stage/lib/app/"
  jars+=("$(basename "$jar")")
done
# The AOT cache (and AppCDS) skips classes older than Java 6 (picocli's are Java 5): give them version 52 and
# stack maps so the cache holds them too (see dist/src/retarget). Needs the ClassFile API (JDK 24+).
if [ "$jdk_major" -ge 24 ]; then
  "$JAVA_HOME/bin/java" "$here/src/retarget/io/kolladoctor/dist/Retarget.java" "${jars[@]/#/$stage/lib/app/}" \
    | while read -r line; do log "$line"; done
fi
extra=$(comm -13 <(printf '%s\n' "${jars[@]}" | sort) <(cd "$app_dir/lib" && ls -1 -- *.jar | sort) || true)
[ -z "$extra" ] || log "not bundled (not on the app jar's Class-Path): $(echo $extra)"

# --- the runtime ---------------------------------------------------------------------------------------------
# jdeps over ALL jars: the app jar alone misses modules only libraries use (e.g. java.net.http).
# No jdk.zipfs: the demo snapshot is read with getResourceAsStream + GZIPInputStream/commons-compress.
modules=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 \
  "${jars[@]/#/$stage/lib/app/}")
available=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//')
# jdk.crypto.ec: TLS with EC keys (a no-op module on JDK 22+, merged into java.base); jdk.charsets: non-UTF-8
# terminals; jdk.unsupported: sun.misc.Signal (lanterna's SIGWINCH) and friends.
for m in jdk.crypto.ec jdk.charsets jdk.unsupported; do
  if grep -qx "$m" <<<"$available"; then modules=$modules,$m; fi
done
if "$JAVA_HOME/bin/jlink" --help 2>&1 | grep -q 'zip-\['; then compress=zip-6; else compress=2; fi
log "jlink (JDK $jdk_major, $JAVA_HOME) --add-modules $modules"
# Temurin 25 ships no jmods/: its jlink links from the run-time image itself (JEP 493); older JDKs use jmods/.
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --compress="$compress" --strip-debug --no-header-files \
  --no-man-pages --generate-cds-archive --output "$stage/runtime" >&2
# Only heaps over 32 GiB run without compressed oops: the second default archive is dead weight.
rm -f "$stage/runtime/lib/server/classes_nocoops.jsa"
java_bin=$stage/runtime/bin/java

# --- the training driver (dist/src/training): same class path in training and in every run -----------------
"$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$work/tmp/training" \
  -cp "$(IFS=:; echo "${jars[*]/#/$stage/lib/app/}")" \
  "$here/src/training/io/kolladoctor/dist/Training.java"
"$JAVA_HOME/bin/jar" --create --file "$stage/lib/app/kolla-doctor-training.jar" -C "$work/tmp/training" .
jars+=(kolla-doctor-training.jar)

# --- the launcher ----------------------------------------------------------------------------------------------
archive_kind=${KD_BUNDLE_ARCHIVE:-auto}
if [ "$archive_kind" = auto ]; then
  if [ "$jdk_major" -ge 25 ]; then archive_kind=aot; else archive_kind=cds; fi
fi
case $archive_kind in
  aot) archive_file=kolla-doctor.aot; archive_opt=-XX:AOTCache= ;;
  cds) archive_file=kolla-doctor.jsa; archive_opt=-XX:SharedArchiveFile= ;;
  none) archive_file=; archive_opt= ;;
  *) log "KD_BUNDLE_ARCHIVE must be auto, aot, cds or none"; exit 64 ;;
esac
# The JVM prints its own warnings on stdout; stdout belongs to the report (JSON!), so send them to stderr,
# and drop the start-up archive's messages altogether (an unusable archive just means a slower start).
xlog="-Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr"
if "$java_bin" -Xlog:aot*=off -version >/dev/null 2>&1; then xlog="$xlog -Xlog:aot*=off:stderr"; fi
vm_opts="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
classpath=$(printf '$APP/%s:' "${jars[@]}"); classpath=${classpath%:}
if [ -n "$archive_file" ]; then
  archive_lines="# The start-up archive ($archive_kind) comes from a training run at build time. When it cannot be used (jars
# touched, other JVM options, another runtime) the JVM starts without it, silently: same output, slower.
ARCHIVE=\$KD_HOME/lib/$archive_file
if [ -f \"\$ARCHIVE\" ]; then ARCHIVE_OPT=$archive_opt\$ARCHIVE; else ARCHIVE_OPT=-Xshare:auto; fi"
else
  archive_lines="ARCHIVE_OPT=-Xshare:auto  # built without a start-up archive (KD_BUNDLE_ARCHIVE=none)"
fi

cat > "$stage/bin/kolla-doctor" <<EOF
#!/bin/sh
# kolla-doctor $version launcher, generated by dist/build-bundle.sh. Runs on the bundled runtime (../runtime);
# JAVA_HOME is ignored. KOLLA_DOCTOR_OPTS adds JVM options (e.g. -Xmx512m).
self=\$0
while [ -L "\$self" ]; do
  link=\$(readlink "\$self")
  case \$link in
    /*) self=\$link ;;
    *) self=\$(dirname "\$self")/\$link ;;
  esac
done
KD_HOME=\$(cd "\$(dirname "\$self")/.." && pwd -P) || exit 70
APP=\$KD_HOME/lib/app
$archive_lines
# shellcheck disable=SC2086  # KOLLA_DOCTOR_OPTS is a list of options
exec "\$KD_HOME/runtime/bin/java" $vm_opts "\$ARCHIVE_OPT" $xlog \${KOLLA_DOCTOR_OPTS:-} \\
  -cp "$classpath" $main_class "\$@"
EOF
chmod 755 "$stage/bin/kolla-doctor"

# --- the training run ------------------------------------------------------------------------------------------
# Same runtime, VM options and class path as the launcher, in a clean environment (its log goes to a scratch
# HOME). Exit codes 1-3 of `check` are verdicts; Training.java itself fails on anything unexpected.
training_cp=$(printf "$stage/lib/app/%s:" "${jars[@]}"); training_cp=${training_cp%:}
mkdir -p "$work/tmp/home"
train() {
  env -i PATH=/usr/bin:/bin HOME="$work/tmp/home" LANG=C.UTF-8 \
    "$java_bin" $vm_opts "$@" -cp "$training_cp" io.kolladoctor.dist.Training \
    >"$work/training.out" 2>"$work/training.err" \
    || { log "training run failed ($*):"; cat "$work/training.err" >&2; exit 1; }
}
case $archive_kind in
  aot) log "training run -> AOT cache"; train -XX:AOTCacheOutput="$stage/lib/$archive_file" ;;
  cds) log "training run -> AppCDS archive"; train -XX:ArchiveClassesAtExit="$stage/lib/$archive_file" ;;
  none) log "no start-up archive (KD_BUNDLE_ARCHIVE=none)" ;;
esac
if [ -n "$archive_file" ]; then
  [ -s "$stage/lib/$archive_file" ] || { log "the training run wrote no $archive_file:"; cat "$work/training.err" >&2; exit 1; }
  # An archive the launcher cannot map would only make every start slow, quietly: insist on it once here.
  if [ "$archive_kind" = aot ]; then strict=-XX:AOTMode=on; else strict=-Xshare:on; fi
  env -i PATH=/usr/bin:/bin HOME="$work/tmp/home" KOLLA_DOCTOR_OPTS="$strict" "$stage/bin/kolla-doctor" --version >/dev/null \
    || { log "the launcher cannot use $archive_file"; exit 1; }
fi

# --- documents, then the tarball ------------------------------------------------------------------------------
for doc in LICENSE LICENSE.txt LICENSE.md NOTICE README.md README; do
  if [ -f "$root/$doc" ]; then cp "$root/$doc" "$stage/"; fi
done
rm -rf "$work/tmp"
# Modification times are kept as they are: both archive kinds check the jars' mtimes at start-up.
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$work" -czf "$tarball" "$name"
log "$tarball ($(du -h "$tarball" | cut -f1), unpacked $(du -sh "$stage" | cut -f1))"
