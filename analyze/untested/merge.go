package untested

import (
	"fmt"
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

// One commit's untested findings ask for one piece of work: tests for
// what that commit changed. spf13/viper 7dbe493 "fix: do not allow
// setting dependencies to nil values" added the same guard to WithFinder
// in finder.go and to three options in encoding.go, and was two drafts;
// rust-analyzer 695bee9 was two as well. The queue drafts them as one
// (MergeCommit), each finding keeping its fingerprint, so a test that
// later covers one file takes that file off the draft.

// MergeCommit words the findings of one commit, in the order given (by
// path), as one: the first one's fingerprint and evidence, every file's
// symbols and sentences. It makes no claim the findings did not make.
func (Detector) MergeCommit(fs []finding.Finding) finding.Finding {
	if len(fs) < 2 {
		return fs[0]
	}
	out := fs[0]
	var names, files []string
	out.Items = nil
	bodies := make([]string, 0, len(fs))
	paths := make([]string, len(fs))
	for i, f := range fs {
		paths[i] = f.Evidence.Path
	}
	files = distinctNames(paths)
	for i, f := range fs {
		p := f.Evidence.Path
		for _, it := range f.Items {
			names = append(names, itemName(it))
			out.Items = append(out.Items, p+": "+it)
		}
		body := strings.TrimSpace(f.Body)
		if i > 0 {
			body = strings.Replace(body, bodyLead, "It also adds or changes exported code in ", 1)
		}
		bodies = append(bodies, body)
		out.Confidence = max(out.Confidence, f.Confidence)
		if f.Severity.Rank() > out.Severity.Rank() {
			out.Severity = f.Severity
		}
	}
	out.Body = strings.Join(bodies, " ")
	out.Text = fmt.Sprintf("%s changed in %s with no test change", joinNames(names, 3), joinNames(files, 2))
	out.Title = mergedTitle(names, files)
	return out
}

// bodyLead starts an untested finding's body (untestedFinding).
const bodyLead = "The commit adds or changes exported code in "

// distinctNames are the paths' file names, each with as many of its
// folders as it takes to tell it from the others: indexmap 61c9d53
// changed src/map/slice.rs and src/set/slice.rs, and a title said "in
// slice.rs and slice.rs"; it says "in map/slice.rs and set/slice.rs".
func distinctNames(paths []string) []string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = path.Base(p)
	}
	for depth := 1; ; depth++ {
		seen := map[string]int{}
		for _, n := range names {
			seen[n]++
		}
		clash := false
		for i, p := range paths {
			if seen[names[i]] > 1 {
				if longer := lastParts(p, depth+1); longer != names[i] {
					names[i], clash = longer, true
				}
			}
		}
		if !clash {
			return names
		}
	}
}

// lastParts is p's last n slash-separated parts (all of p when it has
// fewer).
func lastParts(p string, n int) string {
	parts := strings.Split(p, "/")
	return strings.Join(parts[max(len(parts)-n, 0):], "/")
}

// itemName is the symbol an item names: "Div (lines 3-9)" is Div.
func itemName(item string) string {
	if i := strings.LastIndex(item, " (line"); i > 0 {
		return item[:i]
	}
	return item
}

// mergedTitle names the symbols and files, as many as fit.
func mergedTitle(names, files []string) string {
	for _, n := range []int{3, 2, 1} {
		for _, f := range []int{0, 2} {
			if t := "Add tests for " + joinNames(names, n) + " in " + joinNames(files, f); len(t) <= analyze.TitleMax {
				return t
			}
		}
	}
	if t := "Add tests for " + joinNames(names, 1) + fmt.Sprintf(" in %d files", len(files)); len(t) <= analyze.TitleMax {
		return t
	}
	return fmt.Sprintf("Add tests for the changes to %d files", len(files))
}
