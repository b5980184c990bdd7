#!/usr/bin/env bash
# A local cluster for a person to watch: a throwaway PostgreSQL (temp folder, free port, unix socket), both
# emulators, T tenant files (default 20, all on the demo data set) and N `odoo-optiply run --cluster` nodes
# on the compressed schedule (pull every 60 s, export every 120 s). Ctrl-C stops everything.
#   scripts/cluster.sh N [T]     e.g. scripts/cluster.sh 3 30
# While it runs: psql the URL it prints and look at runs (holder = node, epoch = lease) and leases; kill -9 or
# kill -STOP a node's pid to watch another one take its tenants over (docs/scale-out.md).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?usage: scripts/cluster.sh N [TENANTS]}; t=${2:-20}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/OdooOptiply.Cli -v q -nologo >/dev/null || { echo "build failed" >&2; exit 1; }
cli=(dotnet "$PWD/src/OdooOptiply.Cli/bin/Debug/net10.0/odoo-optiply.dll")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL not installed (apt-get install postgresql)" >&2; exit 1; }
work=$(mktemp -d /tmp/cluster-XXXX); chmod 755 "$work"
as=(); if [ "$(id -u)" = 0 ]; then id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres; chown postgres "$work"; as=(runuser -u postgres --); fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  "${as[@]}" "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true; echo "logs kept in $work"; }
trap cleanup EXIT INT TERM
"${as[@]}" "$bin/initdb" -D "$work/data" -A trust -U postgres --no-sync >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses='' -c max_connections=300" start >/dev/null
"${as[@]}" "$bin/createdb" -h "$work" -p "$port" -U postgres optiply_state
url="postgresql:///optiply_state?host=$work&port=$port&user=postgres"

"${cli[@]}" emulate odoo --port 0 >"$work/odoo.log" 2>&1 & pids+=($!)
"${cli[@]}" emulate optiply --port 0 >"$work/optiply.log" 2>&1 & pids+=($!)
until grep -q "emulator at" "$work/odoo.log" 2>/dev/null && grep -q "coupling_id" "$work/optiply.log" 2>/dev/null; do sleep 0.2; done
odoo=$(grep -o 'at http[^ ]*' "$work/odoo.log" | head -1 | cut -c4-)
field() { awk -v k="$1" '$1==k {print $2}' "$work/optiply.log"; }
mkdir -p "$work/tenants"
for i in $(seq 1 "$t"); do
  cat >"$work/tenants/t$i.json" <<JSON
{"tenant": "t$i", "state": "$url", "start_date": "2020-01-01", "schedule": {"pull_minutes": 60, "export_minutes": 120},
 "odoo": {"url": "$odoo", "db": "optiply_demo", "username": "admin", "password": "admin", "protocol": "xmlrpc"},
 "optiply": {"client_id": "$(field client_id)", "client_secret": "$(field client_secret)", "username": "$(field username)",
  "password": "$(field password)", "account_id": $(field account_id), "coupling_id": $(field coupling_id), "requests_per_second": 500,
  "base_url": "$(field base_url)", "token_url": "$(field token_url)"}}
JSON
done
for i in $(seq 1 "$n"); do
  "${cli[@]}" run --tenants-dir "$work/tenants" --cluster --state "$url" --node "node$i" --interval-unit seconds \
    --max-parallel 4 --max-connections-per-odoo-host 4 --lease-seconds 20 --rescan-seconds 5 >"$work/node$i.log" 2>&1 & pids+=($!)
  echo "node$i: pid $! log $work/node$i.log"
done
echo "state: $url"
echo "tenants: $work/tenants (add, edit or remove files while it runs)"
echo "runs per node: psql \"$url\" -c 'select holder, count(*) from runs group by 1'"
wait
