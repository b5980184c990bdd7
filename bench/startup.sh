#!/usr/bin/env bash
# Start-up cost of the program: `--version` and a one-record `odoo dump` against the Odoo emulator (its own
# process, on loopback), for a plain Release publish (JIT) and a ReadyToRun publish. Prints the median wall,
# user+sys CPU of RUNS runs each, as markdown rows for bench/README.md. Usage: bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
out=$(mktemp -d)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/OdooOptiply.Cli -c Release -o "$out/jit" >/dev/null
dotnet publish src/OdooOptiply.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$out/jit/odoo-optiply" emulate odoo --port "$port" --version 18 > "$out/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; rm -rf "$out"' EXIT
until grep -q "$port" "$out/emulator.log" 2>/dev/null; do sleep 0.2; done

measure() { # label, then the command; prints "| label | wall | cpu |" with medians
  local label=$1; shift
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$out/t" "$@" > /dev/null 2>&1
    read -r wall user sys < "$out/t"
    walls+=("$wall"); cpus+=("$(python3 -c "print(round($user+$sys,2))")")
  done
  local mw mc
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs+1)/2 ))p")
  mc=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs+1)/2 ))p")
  echo "| $label | ${mw} s | ${mc} s |"
}

echo "| build · command | wall (median of $runs) | CPU user+sys (median) |"
echo "| --- | --- | --- |"
for build in jit r2r; do
  measure "$build · --version" "$out/$build/odoo-optiply" --version
  ODOO_PASSWORD=admin measure "$build · odoo dump (1 record)" "$out/$build/odoo-optiply" odoo dump product.product --fields id,name --limit 1 \
    --url "http://127.0.0.1:$port/" --db optiply_demo --username admin --protocol xmlrpc
done
