#!/usr/bin/env bash
# make fuzz: run every fuzz test of the module with coverage guidance, each
# for a bounded time, and say which failed. The chaos suite calls it.
#
#   FUZZTIME          how long each fuzz test runs (default 10s)
#   FUZZMINIMIZETIME  how long to shrink an input that found new coverage or
#                     a failure (default 2s). Go's default, 60s, is spent on
#                     every new input, at a cost that grows with the square
#                     of its length: a target then shows "0/sec" for most of
#                     its run, minimising instead of fuzzing.
#   FUZZ              a regular expression: only the tests whose name matches
#   FUZZJOBS          how many fuzz tests run at once (default: the number of
#                     cores), each with the cores shared out (-parallel): one
#                     test's build, start and minimising then overlap
#                     another's fuzzing instead of leaving cores idle
#
# A failing input is written under the package's testdata/fuzz/, where it
# becomes a regression test for `make test`: commit it with the fix.
set -uo pipefail

go=${GO:-go}
fuzztime=${FUZZTIME:-10s}
minimize=${FUZZMINIMIZETIME:-2s}
only=${FUZZ:-.}

cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
at_once=${FUZZJOBS:-$cores}
((at_once >= 1)) || at_once=1
workers=$((cores / at_once))
((workers >= 1)) || workers=1
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# fuzz_once NAME PKG: one run of one fuzz test.
fuzz_once() {
	"$go" test -run '^$' -fuzz "^${1}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" \
		-parallel "$workers" "$2" 2>&1
}

# spurious LOG: the run failed with "context deadline exceeded" and wrote
# no failing input: Go's fuzz coordinator (before Go 1.27) can report its
# own stop at -fuzztime as a failure when a worker is slow to end
# (go.dev/issue/75804). A real failure always writes its input.
spurious() {
	grep -q 'context deadline exceeded' "$1" && ! grep -q 'Failing input written to' "$1"
}

# run_one N NAME PKG: the Nth fuzz test, its output kept for when it ends
# (so that tests running at once do not interleave), its status in a file.
# A spurious failure is tried again once; twice spurious is no failure.
run_one() {
	local n=$1 name=$2 pkg=$3 status
	{
		echo "== $name ($pkg, $fuzztime)"
		fuzz_once "$name" "$pkg" >"$logs/$n.run"
		status=$?
		cat "$logs/$n.run"
		if ((status != 0)) && spurious "$logs/$n.run"; then
			echo "(no failing input: Go's fuzzing stopped itself late, go.dev/issue/75804; again)"
			fuzz_once "$name" "$pkg" >"$logs/$n.run"
			status=$?
			cat "$logs/$n.run"
			if ((status != 0)) && spurious "$logs/$n.run"; then
				echo "(no failing input again: counted as passed)"
				status=0
			fi
		fi
		echo "$status" >"$logs/$n.status"
	} >"$logs/$n.log"
	cat "$logs/$n.log"
}

failed=()
ran=0
names=()
while IFS=: read -r file name; do
	[[ $name =~ $only ]] || continue
	pkg=./$(dirname "$file")
	ran=$((ran + 1))
	names+=("$name ($pkg)")
	while (($(jobs -rp | wc -l) >= at_once)); do
		wait -n 2>/dev/null || wait # bash before 4.3 has no wait -n
	done
	run_one "$ran" "$name" "$pkg" &
done < <(git ls-files -co --exclude-standard '*_test.go' | xargs grep -o '^func Fuzz[A-Za-z0-9_]*' | sed 's/func //' | sort)
wait
for i in "${!names[@]}"; do
	if [[ $(cat "$logs/$((i + 1)).status" 2>/dev/null) != 0 ]]; then
		failed+=("${names[$i]}")
	fi
done

if [ "$ran" -eq 0 ]; then
	echo "no fuzz test matches FUZZ=$only" >&2
	exit 1
fi
if [ "${#failed[@]}" -gt 0 ]; then
	echo "${#failed[@]} of $ran fuzz tests failed:" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "$ran fuzz tests passed, $fuzztime each"
