#!/usr/bin/env bash
# Soak: many more seeds of the reliability suites than CI runs, then one tally.
#   scripts/soak.sh [N]   N fault seeds (default 20) and N/5 crash rounds (at least 1), each crash round with
#                         CRASH_KILLS (default 20) timed kills per full sync, half that in the incremental sync,
#                         plus every export pause point.
# Exit 0 only when every seed and every round ended in the clean run's state.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
n=${1:-20}
rounds=$(( n / 5 > 0 ? n / 5 : 1 ))
kills=${CRASH_KILLS:-20}
start=${SEED_START:-100}
log=$(mktemp -d)

dotnet build tests/OdooOptiply.Sync.Tests -v q -nologo >/dev/null && dotnet build tests/OdooOptiply.Cli.Tests -v q -nologo >/dev/null || { echo "build failed" >&2; exit 1; }

seeds=$(seq -s, "$start" $(( start + n - 1 )))
echo "fault tolerance: $n seeds ($seeds)"
FAULT_SEEDS="$seeds" dotnet test tests/OdooOptiply.Sync.Tests --no-build --filter "FullyQualifiedName~FaultToleranceTests" \
  --logger "console;verbosity=detailed" >"$log/faults.txt" 2>&1
fault_pass=$(grep -cE '^\s+Passed .*FaultToleranceTests' "$log/faults.txt")
fault_fail=$(grep -cE '^\s+Failed .*FaultToleranceTests' "$log/faults.txt")
injected=$(grep -oE '^ FAULTS seed=[0-9]+ injected=[0-9]+' "$log/faults.txt" | awk -F'injected=' '{s+=$2} END {print s+0}')
reruns=$(grep -oE '^ FAULTS .* reruns=[0-9]+' "$log/faults.txt" | awk -F'reruns=' '{s+=$2} END {print s+0}')

crash_pass=0; crash_fail=0; killed=0
for r in $(seq 1 "$rounds"); do
  seed=$(( start + r ))
  echo "crash round $r/$rounds (seed $seed, $kills timed kills per full sync)"
  CRASH_SEED=$seed CRASH_KILLS=$kills dotnet test tests/OdooOptiply.Cli.Tests --no-build --filter "FullyQualifiedName~Crash" \
    --logger "console;verbosity=detailed" >"$log/crash-$seed.txt" 2>&1
  if grep -qE '^\s+Passed .*CrashTests' "$log/crash-$seed.txt"; then crash_pass=$((crash_pass + 1)); else crash_fail=$((crash_fail + 1)); fi
  k=$(grep -oE '^ KILLS seed=[0-9]+ kills=[0-9]+' "$log/crash-$seed.txt" | awk -F'kills=' '{print $2}' | tail -1)
  killed=$(( killed + ${k:-0} ))
done

# The cluster test at full size (issue 14): 200 tenants on 3 nodes, a pull every minute, one SIGKILLed and one SIGSTOPped past its lease.
echo "cluster: ${CLUSTER_TENANTS:-200} tenants on 3 nodes"
CLUSTER_TENANTS=${CLUSTER_TENANTS:-200} CLUSTER_PULL_SECONDS=${CLUSTER_PULL_SECONDS:-60} dotnet test tests/OdooOptiply.Cli.Tests --no-build --filter "FullyQualifiedName~ClusterTests" \
  --logger "console;verbosity=detailed" >"$log/cluster.txt" 2>&1
if grep -qE '^\s+Passed .*ClusterTests' "$log/cluster.txt"; then cluster_fail=0; else cluster_fail=1; fi

echo
echo "cluster (200 tenants): $([ "$cluster_fail" -eq 0 ] && echo passed || echo FAILED)"
echo "fault seeds: $fault_pass passed, $fault_fail failed; $injected faults injected; $reruns runs re-run after a failure"
echo "crash rounds: $crash_pass passed, $crash_fail failed; $killed SIGKILLs survived"
echo "logs: $log"
[ "$cluster_fail" -eq 0 ] && [ "$fault_fail" -eq 0 ] && [ "$crash_fail" -eq 0 ] && [ "$fault_pass" -eq "$n" ] && [ "$crash_pass" -eq "$rounds" ]
