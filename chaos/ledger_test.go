//go:build linux

package chaos

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// What the suite reads back from ticket-master, through its own --json
// output: the store is checked the way a user or a script sees it.

type draftJSON struct {
	ID           uint64   `json:"id"`
	Fingerprints []string `json:"fingerprints"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	Labels       []string `json:"labels"`
	State        string   `json:"state"`
	DraftedBy    string   `json:"drafted_by"`
	Issue        int      `json:"issue"`
	Repo         string   `json:"repo"`
	Evidence     []struct {
		Path string `json:"path"`
	} `json:"evidence"`
}

type waitingJSON struct {
	Fingerprint string `json:"fingerprint"`
}

type statusJSON struct {
	Daemon struct {
		Running bool   `json:"running"`
		State   string `json:"state"`
		PID     int    `json:"pid"`
	} `json:"daemon"`
	Repos []struct {
		Path         string         `json:"path"`
		Analysed     int            `json:"analysed_commits"`
		Backlog      int            `json:"backlog"`
		LastError    string         `json:"last_error"`
		OpenFindings int            `json:"open_findings"`
		Drafts       map[string]int `json:"drafts"`
	} `json:"repos"`
}

// decode runs ticket-master with args in dir and decodes its JSON output.
func (s *sandbox) decode(dir string, v any, args ...string) error {
	r := s.tm(dir, args...)
	if r.code != 0 || r.err != nil {
		return fmt.Errorf("%v", r)
	}
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		return fmt.Errorf("`ticket-master %s`: %w\n%s", strings.Join(args, " "), err, r.stdout)
	}
	return nil
}

// allDrafts is every draft of every repository, in every state.
func (s *sandbox) allDrafts() ([]draftJSON, error) {
	var ds []draftJSON
	err := s.decode(s.dir, &ds, "drafts", "list", "--all-repos", "--state", "all", "--json")
	return ds, err
}

// waiting lists the findings waiting for room in the draft budget.
func (s *sandbox) waiting() ([]waitingJSON, error) {
	var ws []waitingJSON
	err := s.decode(s.dir, &ws, "drafts", "list", "--all-repos", "--waiting", "--json")
	return ws, err
}

func (s *sandbox) status() (statusJSON, error) {
	var st statusJSON
	err := s.decode(s.dir, &st, "status", "--json")
	return st, err
}

// todoPath is the file a TODO finding's fingerprint names
// ("todo:PATH:HASH"), or "" for another kind.
func todoPath(fp string) string {
	rest, ok := strings.CutPrefix(fp, "todo:")
	if !ok {
		return ""
	}
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return ""
	}
	return rest[:i]
}

// draftsPerTODO lists, per file, the live drafts (pending or published)
// whose findings include a TODO in it, described for people: a draft that
// merged two findings counts for both, and one finding in two drafts
// counts twice. A withdrawn draft does not count: the scenarios remove no
// TODO, so a draft is withdrawn only when merged into another.
func draftsPerTODO(ds []draftJSON) map[string][]string {
	n := map[string][]string{}
	for _, d := range ds {
		if d.State == "withdrawn" || d.State == "discarded" {
			continue // merged into another draft, or resolved
		}
		seen := map[string]bool{}
		for _, fp := range d.Fingerprints {
			if p := todoPath(fp); p != "" && !seen[p] {
				seen[p] = true
				n[p] = append(n[p], fmt.Sprintf("draft %d %s by %s of %d findings: %q", d.ID, d.State, d.DraftedBy, len(d.Fingerprints), d.Title))
			}
		}
	}
	return n
}

// tally compares the TODO files a scenario committed with the drafts made
// for them: lost are files with no draft (and not waiting, when waiting is
// given), duplicated the drafts beyond one per file. It returns up to three
// examples of each.
func tally(want []string, drafts map[string][]string, waiting map[string]bool) (lost, dup int, lostEx, dupEx []string) {
	for _, p := range want {
		n := len(drafts[p])
		switch {
		case n == 0 && !waiting[p]:
			lost++
			if len(lostEx) < 3 {
				lostEx = append(lostEx, p)
			}
		case n > 1 || n == 1 && waiting[p]:
			extra := n - 1
			if waiting[p] {
				extra++
			}
			dup += extra
			if len(dupEx) < 3 {
				dupEx = append(dupEx, fmt.Sprintf("%s (waiting %v): %s", p, waiting[p], strings.Join(drafts[p], "; ")))
			}
		}
	}
	return lost, dup, lostEx, dupEx
}

func TestTally(t *testing.T) {
	ds := []draftJSON{
		{ID: 1, State: "pending", Fingerprints: []string{"todo:a.go:1", "todo:b.go:2"}},
		{ID: 2, State: "published", Fingerprints: []string{"todo:b.go:3"}},
		{ID: 3, State: "withdrawn", Fingerprints: []string{"todo:c.go:4"}},
		{ID: 4, State: "pending", Fingerprints: []string{"secret:d.go:5"}},
	}
	per := draftsPerTODO(ds)
	if len(per["a.go"]) != 1 || len(per["b.go"]) != 2 || len(per["c.go"]) != 0 || len(per["d.go"]) != 0 {
		t.Fatalf("draftsPerTODO = %v", per)
	}
	lost, dup, lostEx, dupEx := tally([]string{"a.go", "b.go", "c.go", "e.go"}, per, map[string]bool{"e.go": true})
	if lost != 1 || dup != 1 || len(lostEx) != 1 || lostEx[0] != "c.go" || len(dupEx) != 1 {
		t.Errorf("tally = %d lost %v, %d duplicated %v; want c.go lost, b.go duplicated", lost, lostEx, dup, dupEx)
	}
	if got := todoPath("todo:src/a:b.go:abc"); got != "src/a:b.go" {
		t.Errorf("todoPath = %q", got)
	}
}
