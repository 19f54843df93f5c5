package config

import (
	"errors"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoded is a settings file read into a struct.
type decoded struct {
	// root is the document's top mapping, for finding a setting's line;
	// nil for an empty file or one that does not parse.
	root *yaml.Node
	// broken are the top-level keys whose section has a problem: those
	// sections were not applied, so the struct keeps what it held.
	broken map[string]bool
	probs  []Problem
}

// decodeStrict reads a YAML document into out, a pointer to a settings
// struct, the way a settings file should be read: every problem is found
// (not only the first), each with its line and in the file's own words
// ("expected a number", never a Go type), and unknown keys are problems so
// that a typo never silently does nothing. Sections without a problem are
// applied even when others have one, which lets commands that do not need
// the broken setting run on the rest.
//
// yaml.v3's own strict mode stops short of this: its messages name Go types
// and its decoder gives no path to a setting, so the document is first
// checked against the struct's yaml tags here, then decoded.
func decodeStrict(data []byte, out any) decoded {
	d := decoded{broken: map[string]bool{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		d.probs = append(d.probs, syntaxProblem(err))
		return d
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return d // empty, or only comments
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return d
	}
	t := reflect.TypeOf(out).Elem()
	c := checker{seen: map[*yaml.Node]bool{}}
	c.check(root, t, nil)
	d.probs = c.probs
	if root.Kind != yaml.MappingNode {
		return d
	}
	d.root = root
	for _, p := range d.probs {
		if len(p.at) > 0 {
			if k, ok := p.at[0].(string); ok {
				d.broken[k] = true
			}
		}
	}
	clean := *root
	clean.Content = nil
	for i := 0; i+1 < len(root.Content); i += 2 {
		if !d.broken[root.Content[i].Value] {
			clean.Content = append(clean.Content, root.Content[i], root.Content[i+1])
		}
	}
	if err := clean.Decode(out); err != nil {
		// The check above should leave nothing for yaml.v3 to refuse but
		// its own limits (excessive aliasing); say so without its Go words.
		d.probs = append(d.probs, leftover(err)...)
	}
	return d
}

// decodeLoose decodes what it can of the whole document into out, broken
// sections included and problems ignored (the check has reported them),
// so that Validate can look for range problems everywhere at once.
func (d decoded) decodeLoose(out any) {
	if d.root != nil {
		_ = d.root.Decode(out)
	}
}

// fresh drops the range problems found on a setting the check already
// reported: a value that did not decode says nothing about its range.
func (d decoded) fresh(probs []Problem) []Problem {
	var out []Problem
	for _, p := range probs {
		seen := false
		for _, q := range d.probs {
			if q.at != nil && (isPrefix(q.at, p.at) || isPrefix(p.at, q.at)) {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, p)
		}
	}
	return out
}

func isPrefix(a, b []any) bool {
	if len(a) > len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var syntaxLine = lazyregexp.New(`^yaml: line (\d+): (.*)$`)

// syntaxProblem turns a parse error into a problem with its line. yaml.v3
// leaves the line out when it is the first one; only its complaint about an
// unknown anchor has no line at all.
func syntaxProblem(err error) Problem {
	msg := err.Error()
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return Problem{Line: n, Msg: "not valid YAML: " + m[2]}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.Contains(msg, "anchor") {
		return Problem{Msg: "not valid YAML: " + msg}
	}
	return Problem{Line: 1, Msg: "not valid YAML: " + msg}
}

var leftoverLine = lazyregexp.New(`line (\d+): `)

func leftover(err error) []Problem {
	var te *yaml.TypeError
	if ok := asTypeError(err, &te); !ok {
		return []Problem{{Msg: strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	var out []Problem
	for _, m := range te.Errors {
		p := Problem{Msg: "this value does not fit the setting"}
		if sub := leftoverLine.FindStringSubmatch(m); sub != nil {
			p.Line, _ = strconv.Atoi(sub[1])
		}
		out = append(out, p)
	}
	return out
}

func asTypeError(err error, te **yaml.TypeError) bool { return errors.As(err, te) }

// locate finds the line of the setting at path in a document: the line of
// its key, or of the nearest enclosing key the document has, so that a
// problem with a value that came from a default still points somewhere
// useful. 0 when the document holds none of it.
func locate(root *yaml.Node, path []any) int {
	line := 0
	n := root
	for _, step := range path {
		if n == nil {
			break
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		if k, ok := step.(mapKey); ok {
			step = string(k)
		}
		switch s := step.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return line
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == s {
					line, next = n.Content[i].Line, n.Content[i+1]
				}
			}
		case int:
			if n.Kind != yaml.SequenceNode || s >= len(n.Content) {
				return line
			}
			next = n.Content[s]
			line = next.Line
		}
		n = next
	}
	return line
}

// withLines gives problems found on decoded values the line of their
// setting.
func withLines(root *yaml.Node, probs []Problem) []Problem {
	for i := range probs {
		if probs[i].Line == 0 && root != nil {
			probs[i].Line = locate(root, probs[i].at)
		}
	}
	return probs
}

// problemsOf extracts the problems of an error Validate returned.
func problemsOf(err error) []Problem {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Problems
	}
	return []Problem{{Msg: err.Error()}}
}
