#!/usr/bin/env bash
# Counts the instructions of one cold fetch-contributors run on the CPU comparison's organisation of
# Benchmarks/run.py (400 repositories x 300 contributors, no latency), under valgrind's callgrind.
# Unlike CPU seconds, the count moves by only a few hundredths of a percent between runs, so it
# compares two commits reliably.
#
# Usage: Benchmarks/callgrind.sh [BINARIES]   (default: .build/release, built with -c release)
# Prints the instruction count. The profile stays in $TMPDIR for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."

binaries=${1:-.build/release}
for program in fetch-contributors forge-stub; do
    if [ ! -x "$binaries/$program" ]; then
        echo "callgrind.sh: $binaries/$program is missing; run: swift build -c release --product $program" >&2
        exit 1
    fi
done
if ! command -v valgrind > /dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq valgrind > /dev/null
    else
        echo "callgrind.sh: valgrind is missing; install Debian's valgrind package" >&2
        exit 1
    fi
fi

workspace=$(mktemp -d "${TMPDIR:-/tmp}/fetch-contributors-callgrind.XXXXXX")
"$binaries/forge-stub" --port 0 --latency 0 --generate 400 --contributors 300 --organization bench \
    > "$workspace/stub.out" 2> /dev/null &
stub=$!
trap 'kill "$stub" 2> /dev/null || true' EXIT

# The stub prints its URL once it listens.
for _ in $(seq 100); do
    [ -s "$workspace/stub.out" ] && break
    sleep 0.1
done
url=$(head -n 1 "$workspace/stub.out")
case "$url" in
    http://127.0.0.1:*) ;;
    *) echo "callgrind.sh: forge-stub printed '$url' instead of its URL" >&2; exit 1 ;;
esac

GITHUB_TOKEN=benchmark-dummy-token valgrind --tool=callgrind --callgrind-out-file="$workspace/callgrind.out" \
    "$binaries/fetch-contributors" --github bench --github-api-url "$url" \
    --database "$workspace/cpu.sqlite" --concurrency 8 --quiet 2> "$workspace/valgrind.log"

instructions=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$workspace/valgrind.log")
echo "instructions: $instructions"
echo "profile: $workspace/callgrind.out"
