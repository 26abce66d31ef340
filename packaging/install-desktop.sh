#!/bin/sh
# Install Image Cost Calculator into the current user's Linux desktop: the menu
# entry, the icon in every size, and the scenario-file type, so a scenario file
# opens the app on double-click. Files go under ~/.local/share; `xdg-mime`, where
# installed, also records the app as the scenario type's default in
# ~/.config/mimeapps.list, and --uninstall takes that line out again.
#
#   install-desktop.sh [EXECUTABLE]   EXECUTABLE: the imagecost to start
#                                      (default: `imagecost` on PATH), e.g.
#                                      dist/imagecost/imagecost or .venv/bin/imagecost
#   install-desktop.sh --uninstall
#
# Works from a source checkout (resources/ beside packaging/) and from the
# one-folder bundle (resources/ inside _internal/ next to the executable).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
mime="$data/mime"
icons="$data/icons/hicolor"
sizes="16 24 32 48 64 128 256 512"
id=io.github.imagecost.ImageCostCalculator # the desktop file's name: the app id (resources/linux/)

refresh() {
    # Each cache is optional: desktops rebuild them, these just make it immediate.
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$mime"; fi
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$apps"; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t -f "$icons" || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
    # imagecost.desktop: the name before the entry took the app id.
    rm -f "$apps/$id.desktop" "$apps/imagecost.desktop" "$mime/packages/imagecost-scenario.xml" \
        "$icons/scalable/apps/imagecost.svg"
    for size in $sizes; do rm -f "$icons/${size}x${size}/apps/imagecost.png"; done
    # The default-app line xdg-mime wrote at install (only ours: other apps' lines stay).
    mimeapps=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list
    if [ -f "$mimeapps" ]; then
        sed -i "/^application\/x-imagecost-scenario=$id\.desktop;*\$/d" "$mimeapps"
    fi
    mkdir -p "$mime/packages" "$apps"
    refresh
    echo "Removed Image Cost Calculator from the desktop."
    exit 0
fi

exe=${1:-$(command -v imagecost || true)}
if [ -z "$exe" ] || [ ! -x "$exe" ]; then
    echo "error: no imagecost executable found; pass its path, e.g. $0 dist/imagecost/imagecost" >&2
    exit 2
fi
exe=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")

for candidate in "$here/../resources" "$here/_internal/resources" "$(dirname "$exe")/_internal/resources"; do
    if [ -f "$candidate/linux/$id.desktop" ]; then res=$(cd "$candidate" && pwd); break; fi
done
if [ -z "${res:-}" ]; then
    echo "error: resources/linux/$id.desktop not found next to $0 or $exe" >&2
    exit 2
fi

mkdir -p "$apps" "$mime/packages" "$icons/scalable/apps"
for size in $sizes; do
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$res/icons/imagecost-$size.png" "$icons/${size}x${size}/apps/imagecost.png"
done
cp "$res/icons/imagecost.svg" "$icons/scalable/apps/imagecost.svg"
cp "$res/linux/imagecost-scenario.xml" "$mime/packages/imagecost-scenario.xml"
# Point the entry at this executable, quoted as the Desktop Entry spec asks.
quoted=$(printf '%s' "$exe" | sed 's/["`$\\]/\\&/g')
while IFS= read -r line; do
    case "$line" in
    "Exec=imagecost "*) printf 'Exec="%s" %s\n' "$quoted" "${line#Exec=imagecost }" ;;
    "TryExec=imagecost") printf 'TryExec=%s\n' "$exe" ;;
    *) printf '%s\n' "$line" ;;
    esac
done <"$res/linux/$id.desktop" >"$apps/$id.desktop"
rm -f "$apps/imagecost.desktop" # an entry installed under the old name would show the app twice
refresh
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default "$id.desktop" application/x-imagecost-scenario || true
fi
echo "Installed Image Cost Calculator ($exe) into $data."
