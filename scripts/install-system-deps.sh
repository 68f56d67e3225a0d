#!/usr/bin/env bash
# Installs the Debian packages the test suite drives: Chromium (task pane tests),
# LibreOffice Calc (opens and prints the workbooks we write), poppler-utils (pdftoppm and
# pdftotext: the printed pages as pictures and text) and xmllint (manifest checks).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages present: chromium, libreoffice-calc, libxml2-utils, poppler-utils"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
