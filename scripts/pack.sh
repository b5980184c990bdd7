#!/usr/bin/env bash
# Builds the dotnet tool package: artifacts/packages/OdooOptiply.<version>.nupkg (command odoo-optiply).
# Install it with:  dotnet tool install --global OdooOptiply --add-source artifacts/packages
#   or into a folder: dotnet tool install OdooOptiply --tool-path ~/odoo-optiply --add-source artifacts/packages
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -f artifacts/packages/OdooOptiply.*.nupkg
dotnet pack src/OdooOptiply.Cli -c Release -o artifacts/packages "$@"
ls -l artifacts/packages/OdooOptiply.*.nupkg
