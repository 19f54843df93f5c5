package dependency

import (
	"bytes"
	"encoding/xml"
	"errors"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"io"
	"strings"
)

// pomDeps reads a Maven pom.xml: the <dependency> entries of the project,
// of its dependencyManagement and of its profiles (not those of plugins,
// nor exclusions), with ${property} versions resolved from the pom's own
// <properties>, so that moving spring.version from 5 to 6 is a major move
// of each artifact that uses it.
func pomDeps(content []byte) ([]dep, bool) {
	dec := xml.NewDecoder(bytes.NewReader(content))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var (
		stack []string
		props = map[string]string{}
		cur   *pomEntry
		all   []pomEntry
		text  strings.Builder
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
			if t.Name.Local == "dependency" && pomDependencyAt(stack) {
				cur = &pomEntry{}
			}
			if cur != nil && t.Name.Local == "artifactId" && len(stack) >= 2 && stack[len(stack)-2] == "dependency" {
				cur.line = 1 + bytes.Count(content[:dec.InputOffset()], []byte("\n"))
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, false
			}
			name, depth := stack[len(stack)-1], len(stack)
			value := strings.TrimSpace(text.String())
			switch {
			case depth == 3 && stack[0] == "project" && stack[1] == "properties":
				props[name] = value
			case cur != nil && depth >= 2 && stack[depth-2] == "dependency":
				cur.set(name, value)
			case cur != nil && name == "dependency" && pomDependencyAt(stack):
				all = append(all, *cur)
				cur = nil
			}
			stack = stack[:depth-1]
			text.Reset()
		}
	}
	ls := lines(content)
	var out []dep
	for _, e := range all {
		if e.artifact == "" {
			continue
		}
		name := e.artifact
		if e.group != "" {
			name = e.group + ":" + e.artifact
		}
		version := pomResolve(e.version, props)
		d := dep{name: name, display: name, version: version, major: mavenMajor(version), dev: e.scope == "test", line: e.line, text: lineAt(ls, e.line)}
		out = append(out, d)
	}
	return out, true
}

type pomEntry struct {
	group, artifact, version, scope string
	line                            int
}

func (e *pomEntry) set(tag, value string) {
	switch tag {
	case "groupId":
		e.group = value
	case "artifactId":
		e.artifact = value
	case "version":
		e.version = value
	case "scope":
		e.scope = value
	}
}

// pomDependencyAt reports whether the element on top of stack is a
// dependency of the project, of its dependencyManagement or of a profile:
// .../dependencies/dependency under one of those, not under a plugin.
func pomDependencyAt(stack []string) bool {
	n := len(stack)
	if n < 3 || stack[n-1] != "dependency" || stack[n-2] != "dependencies" {
		return false
	}
	switch stack[n-3] {
	case "project", "dependencyManagement", "profile":
		return true
	}
	return false
}

var pomPropertyRE = lazyregexp.New(`^\$\{([^}]+)\}$`)

// pomResolve replaces a ${property} version by the property's value, if
// the pom sets it.
func pomResolve(v string, props map[string]string) string {
	if m := pomPropertyRE.FindStringSubmatch(v); m != nil {
		if p, ok := props[m[1]]; ok {
			return p
		}
	}
	return v
}
