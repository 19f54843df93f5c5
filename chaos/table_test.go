//go:build linux

package chaos

import (
	"fmt"
	"strings"
	"testing"
)

// row is one scenario's counts. tried is how many faults or trials the
// scenario ran (kills, corruptions, bombs, races); failed counts checks that
// did not hold (a crash, a trace, a daemon gone, hostile text in a draft);
// lost counts items that should exist and do not (a commit never analysed,
// a TODO never drafted, a draft without its issue, a run of the user's
// hook that did not happen); duplicated counts items that exist twice.
type row struct {
	name                            string
	ran                             bool
	tried, failed, lost, duplicated int
}

func (r *row) clean() bool { return r.failed == 0 && r.lost == 0 && r.duplicated == 0 }

// formatTable prints the rows as an aligned table with a verdict per row.
func formatTable(rows []*row) string {
	width := len("scenario")
	for _, r := range rows {
		width = max(width, len(r.name))
	}
	var b strings.Builder
	line := func(name, tried, failed, lost, dup, verdict string) {
		fmt.Fprintf(&b, "%-*s  %6s  %6s  %6s  %10s  %s\n", width, name, tried, failed, lost, dup, verdict)
	}
	line("scenario", "tried", "failed", "lost", "duplicated", "")
	for _, r := range rows {
		verdict := "ok"
		if !r.clean() {
			verdict = "FAIL"
		}
		line(r.name, fmt.Sprint(r.tried), fmt.Sprint(r.failed), fmt.Sprint(r.lost), fmt.Sprint(r.duplicated), verdict)
	}
	return b.String()
}

func TestFormatTable(t *testing.T) {
	got := formatTable([]*row{
		{name: "a scenario", tried: 40},
		{name: "b", tried: 3, lost: 1},
	})
	want := "" +
		"scenario     tried  failed    lost  duplicated  \n" +
		"a scenario      40       0       0           0  ok\n" +
		"b                3       0       1           0  FAIL\n"
	if got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}
