package finding

import "strings"

// MergeLabels joins label lists in order: each label once (compared
// without regard to case, as GitHub does), trimmed, blanks dropped. It is
// the one label-merging rule of every stage (detector, drafts, settings).
func MergeLabels(lists ...[]string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, list := range lists {
		for _, l := range list {
			l = strings.TrimSpace(l)
			if key := strings.ToLower(l); l != "" && !seen[key] {
				seen[key] = true
				out = append(out, l)
			}
		}
	}
	return out
}

// ShortHash abbreviates a commit for people: its first seven characters.
func ShortHash(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}
