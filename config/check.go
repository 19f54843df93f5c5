package config

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// checker walks a document beside the Go type it is meant for.
type checker struct {
	// seen holds the anchors already checked: an alias is checked once,
	// so that a document of nested aliases ("billion laughs") costs no
	// more than its size.
	seen  map[*yaml.Node]bool
	probs []Problem
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

func (c *checker) add(n *yaml.Node, path []any, format string, a ...any) {
	p := problemAt(path, format, a...)
	p.Line = n.Line
	c.probs = append(c.probs, p)
}

func (c *checker) check(n *yaml.Node, t reflect.Type, path []any) {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || c.seen[n.Alias] {
			return
		}
		c.seen[n.Alias] = true
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value leaves the setting as it was
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		c.checkCustom(n, t, path)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if c.want(n, yaml.MappingNode, path) {
			c.checkStruct(n, t, path)
		}
	case reflect.Map:
		if c.want(n, yaml.MappingNode, path) {
			c.checkMap(n, t, path)
		}
	case reflect.Slice:
		if c.want(n, yaml.SequenceNode, path) {
			for i, item := range n.Content {
				c.check(item, t.Elem(), sub(path, i))
			}
		}
	case reflect.Interface:
		// Anything goes.
	default:
		if c.want(n, yaml.ScalarNode, path) && !fits(n, t) {
			c.add(n, path, "%s, got %s", expected(t, n), describe(n))
		}
	}
}

// fits reports whether a single value decodes into t. yaml.v3 truncates
// 1.5 into an int without a word: a fraction is refused here instead.
func fits(n *yaml.Node, t reflect.Type) bool {
	if n.Decode(reflect.New(t).Interface()) != nil {
		return false
	}
	if isInt(t) && n.ShortTag() == "!!float" {
		var f float64
		return n.Decode(&f) == nil && f == math.Trunc(f)
	}
	return true
}

func isInt(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// want checks a node's shape (mapping, list, single value).
func (c *checker) want(n *yaml.Node, kind yaml.Kind, path []any) bool {
	if n.Kind == kind {
		return true
	}
	var what string
	switch kind {
	case yaml.MappingNode:
		what = "expected a mapping (key: value lines)"
	case yaml.SequenceNode:
		what = "expected a list, such as [a, b]"
	default:
		what = "expected a single value"
	}
	c.add(n, path, "%s, got %s", what, describe(n))
	return false
}

func (c *checker) checkCustom(n *yaml.Node, t reflect.Type, path []any) {
	err := n.Decode(reflect.New(t).Interface())
	if err == nil {
		return
	}
	msg := err.Error()
	var te *yaml.TypeError
	if asTypeError(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	c.add(n, path, "%s", leftoverLine.ReplaceAllString(msg, ""))
}

func (c *checker) checkStruct(n *yaml.Node, t reflect.Type, path []any) {
	fields := yamlFields(t)
	c.eachKey(n, t, path, func(k, v *yaml.Node) {
		f, ok := fields[k.Value]
		if !ok {
			p := problemAt(sub(path, k.Value), "unknown key %q%s", k.Value, didYouMean(k.Value, fields))
			p.Key, p.Line = keyOf(path), k.Line
			c.probs = append(c.probs, p)
			return
		}
		c.check(v, f.Type, sub(path, k.Value))
	})
}

// eachKey calls fn with each key of mapping n and its value, after the
// checks every mapping gets: merges ("<<: *anchor") checked as t, a key
// that is no name and a key set twice reported instead.
func (c *checker) eachKey(n *yaml.Node, t reflect.Type, path []any, fn func(k, v *yaml.Node)) {
	seenAt := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			c.checkMerge(v, t, path)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			c.add(k, path, "expected a key name, got %s", describe(k))
			continue
		}
		if line, dup := seenAt[k.Value]; dup {
			c.add(k, sub(path, k.Value), "already set on line %d; keep one", line)
			continue
		}
		seenAt[k.Value] = k.Line
		fn(k, v)
	}
}

// checkMerge checks the "<<: *anchor" merge of one or more mappings.
func (c *checker) checkMerge(v *yaml.Node, t reflect.Type, path []any) {
	if v.Kind == yaml.SequenceNode {
		for _, item := range v.Content {
			c.check(item, t, path)
		}
		return
	}
	c.check(v, t, path)
}

func (c *checker) checkMap(n *yaml.Node, t reflect.Type, path []any) {
	c.eachKey(n, t, path, func(k, v *yaml.Node) {
		c.check(v, t.Elem(), sub(path, mapKey(k.Value)))
	})
}

// yamlFields maps the keys a struct accepts to its fields, as yaml.v3
// names them: the tag, or the lowercased field name; inline structs lend
// theirs.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct {
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f
	}
	return out
}

// expected says what a single value of type t looks like, in the file's
// words.
func expected(t reflect.Type, n *yaml.Node) string {
	if isInt(t) {
		var f float64
		switch {
		case n.ShortTag() == "!!float" && n.Decode(&f) == nil && f != math.Trunc(f):
			return "expected a whole number"
		case n.ShortTag() == "!!float", n.ShortTag() == "!!int":
			return "expected a number in range"
		}
		return "expected a number"
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return "expected a number"
	case reflect.Bool:
		return "expected true or false"
	case reflect.String:
		return "expected text"
	}
	return "expected another kind of value"
}

// describe names what the file holds, for "expected X, got Y".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "..."
	}
	return strconv.Quote(v)
}

// didYouMean suggests the known key nearest to a mistyped one.
func didYouMean(key string, fields map[string]reflect.StructField) string {
	best, bestDist := "", 3 // at most two edits away
	for name := range fields {
		if d := editDistance(strings.ToLower(key), name); d < bestDist || (d == bestDist && name < best) {
			best, bestDist = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
