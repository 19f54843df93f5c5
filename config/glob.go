package config

import (
	"fmt"
	"regexp"
	"strings"
)

// Matcher matches repository paths (slash-separated, relative to the top)
// against ignore globs with .gitignore's main rules: "*" stays within a
// folder, "**" crosses folders, a pattern without a slash matches a name at
// any depth, and a trailing slash means everything under a folder.
type Matcher struct {
	res []*regexp.Regexp
}

// NewMatcher compiles globs.
func NewMatcher(globs []string) (*Matcher, error) {
	m := &Matcher{}
	for _, g := range globs {
		re, err := globRegexp(g)
		if err != nil {
			return nil, fmt.Errorf("ignore %q: %w", g, err)
		}
		m.res = append(m.res, re)
	}
	return m, nil
}

// Match reports whether path is ignored.
func (m *Matcher) Match(path string) bool {
	if m == nil {
		return false
	}
	for _, re := range m.res {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

func globRegexp(g string) (*regexp.Regexp, error) {
	g = strings.TrimSpace(g)
	if g == "" {
		return nil, fmt.Errorf("empty pattern")
	}
	dir := strings.HasSuffix(g, "/")
	g = strings.Trim(g, "/")
	anywhere := !strings.Contains(g, "/")
	var b strings.Builder
	b.WriteString("^")
	if anywhere {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*':
			if i+1 < len(g) && g[i+1] == '*' {
				i++
				if i+1 < len(g) && g[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?")
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if dir {
		b.WriteString("/.*")
	} else {
		b.WriteString("(?:/.*)?") // a folder's name ignores what is in it
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
