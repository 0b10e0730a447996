#!/usr/bin/env bash
# Install the Debian packages named in the given lists (one per line) that are missing.
set -euo pipefail
missing=()
for name in $(cat "$@" 2>/dev/null | sed 's/#.*//' | tr -s ' \n' '\n' | sort -u); do
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || missing+=("$name")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
