#!/usr/bin/env bash
# Runs every test project of Compiled.sln and prints one summary line: "N passed, N failed, N skipped".
# Installs what a fresh machine lacks first (apt packages); idempotent, about a second when nothing is missing.
set -uo pipefail
cd "$(dirname "$0")/.."

eng/install-prerequisites.sh || { echo "eng/install-prerequisites.sh failed"; exit 1; }

# Build everything first (samples and benchmarks too), so a broken sample fails the run.
dotnet build Compiled.sln || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Compiled.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one line per test assembly:
#   "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ..."
sum() { grep -E '^\s*(Passed|Failed)!\s+-' "$log" | grep -oE "$1:\s+[0-9]+" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build or a test host failed without a test reporting it: count it so the run cannot look green.
    failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no test ran"; exit 1; fi
