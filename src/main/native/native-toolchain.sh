#!/usr/bin/env bash
# The native build's toolchain and run-time libraries, for the Maven profile `native` (pom.xml). Never used by the JVM
# build.
#
#   native-toolchain.sh link LINK   points LINK at the toolchain: $GRAALVM_HOME when set (a GraalVM or Mandrel
#                                   distribution), otherwise the one ../shared/native/assemble.sh builds in
#                                   $NATIVE_TOOLCHAIN_HOME (default ~/.cache/mandrel-25-assembled), assembled first
#                                   when it is not there yet (about 2 minutes on a quiet machine, 10 under load).
#   native-toolchain.sh libs TOOLCHAIN DIR
#                                   copies into DIR the shared libraries an executable built with TOOLCHAIN loads from
#                                   $ORIGIN/native-libs: the JDK's libjava, libnio, ... and the substitute libjvm that a
#                                   hand-assembled toolchain links against instead of static JDK libraries. A real
#                                   distribution links those statically: DIR is then left empty.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../../.." && pwd)

link() {
    local home
    if [ -n "${GRAALVM_HOME:-}" ]; then
        home=$GRAALVM_HOME
    else
        home=${NATIVE_TOOLCHAIN_HOME:-$HOME/.cache/mandrel-25-assembled}
        assembled "$home"
    fi
    [ -x "$home/bin/native-image" ] || { echo "no native-image in $home/bin" >&2; exit 1; }
    mkdir -p "$(dirname "$1")"
    ln -sfn "$home" "$1"
    echo "native-image toolchain: $home ($("$home/bin/native-image" --version 2>/dev/null | head -1))"
}

# Assembles the toolchain unless a complete one is there; one build at a time (the script starts by deleting it).
assembled() {
    local home=$1 script=$project/../shared/native/assemble.sh
    mkdir -p "$(dirname "$home")"
    exec 9>"$home.lock"
    flock 9
    if "$home/bin/native-image" --version >/dev/null 2>&1 && [ -f "$home/lib/svm/linkopts.txt" ]; then
        return
    fi
    [ -f "$script" ] || { echo "Neither GRAALVM_HOME nor $script: no native-image toolchain" >&2; exit 1; }
    echo "Assembling a native-image toolchain in $home with $script"
    NATIVE_TOOLCHAIN_HOME=$home SKIP_HELLO=1 bash "$script"
}

libs() {
    local shared=$1/lib/svm/clibraries/linux-amd64/glibc/shared
    rm -rf "$2"
    mkdir -p "$2"
    if [ -d "$shared" ]; then
        cp "$shared"/*.so "$2"/
    fi
    echo "native-libs: $(ls "$2" | tr '\n' ' ')"
}

case "${1:-}" in
    link) link "$2" ;;
    libs) libs "$(readlink -f "$2")" "$3" ;;
    *) echo "usage: $0 link LINK | libs TOOLCHAIN DIR" >&2; exit 2 ;;
esac
