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
#
# A failing input is written under the package's testdata/fuzz/, where it
# becomes a regression test for `make test`: commit it with the fix.
set -uo pipefail

go=${GO:-go}
fuzztime=${FUZZTIME:-10s}
minimize=${FUZZMINIMIZETIME:-2s}
only=${FUZZ:-.}

failed=()
ran=0
while IFS=: read -r file name; do
	[[ $name =~ $only ]] || continue
	pkg=./$(dirname "$file")
	echo "== $name ($pkg, $fuzztime)"
	ran=$((ran + 1))
	if ! "$go" test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "$pkg"; then
		failed+=("$name ($pkg)")
	fi
done < <(git ls-files -co --exclude-standard '*_test.go' | xargs grep -o '^func Fuzz[A-Za-z0-9_]*' | sed 's/func //' | sort)

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
