# SPDX-License-Identifier: MIT
# Shared by scripts/test, scripts/demo, scripts/bench and scripts/fuzz. Source it; do not run it.

MDE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Every Debian 12 package the build, the tests, the demo and the benchmarks need.
MDE_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config clang libclang-rt-14-dev
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins libgl-dev libsimdjson-dev
    dbus dbus-x11 gnome-keyring libsecret-tools
    xvfb xauth chromium chromium-driver openssl python3 imagemagick fonts-dejavu-core
)

mde_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs what is missing, and nothing when everything is there.
mde_install_deps() {
    local missing=() p
    for p in "${MDE_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    mde_say "Installing ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; return 1; }
        sudo=sudo
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# mde_build DIR [cmake args...]: configures once, builds incrementally.
mde_build() {
    local dir=$1; shift
    export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=$MDE_ROOT
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S "$MDE_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
    else
        cmake "$dir" "$@" >/dev/null
    fi
    cmake --build "$dir" -j "$(nproc)"
}

# mde_keyring_session CMD...: runs CMD inside a fresh D-Bus session with an unlocked
# gnome-keyring (the Secret Service QtKeychain talks to). Everything it keeps is thrown away.
mde_keyring_session() {
    dbus-run-session -- bash "$MDE_ROOT/scripts/with-keyring" "$@"
}
