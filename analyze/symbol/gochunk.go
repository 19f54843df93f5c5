package symbol

import (
	"bytes"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"
	"sync"

	"github.com/ticket-master/ticket-master/analyze"
)

// Parsing a whole Go file for every commit that touches it costs more than
// git takes to print the diff: a 9,000-line file is parsed for a one-line
// change. gofmt starts every top-level declaration at the start of a line,
// so the file splits into declarations by its lines alone, and only those
// the commit changed (and their namesakes on the other side) are parsed.

// goVarRE is a one-name variable or constant declaration.
var goVarRE = gated(`^(?:var|const)\s+(\w+)\b`, "var", "const")

// goGroupVarRE is a line of a var or const group that declares names:
// "\tHsvToRgb = HSVToRGB", "\tA, B int".
var goGroupVarRE = lazyregexp.New(`^\t([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)(?:\s*=|\s+[\w*\[(.]|\s*$)`)

// goChunk is one top-level declaration as lines of a file: from its doc
// comment to the line before the next declaration's.
type goChunk struct {
	start, end int      // 1-based, inclusive
	names      []string // what it declares: "Div", "Calc.Div", the types of a group
}

// goChunks splits a gofmt'd file into its top-level declarations. The
// package clause and imports are no chunk.
func goChunks(lines [][]byte) []goChunk {
	var chunks []goChunk
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if len(l) == 0 || !strings.ContainsRune("ftvci", rune(l[0])) {
			continue // no declaration starts otherwise: most lines, asked at the cost of a byte
		}
		kind := ""
		for _, k := range []string{"func ", "func(", "type ", "var ", "var(", "const ", "const(", "import "} {
			if bytes.HasPrefix(l, []byte(k)) {
				kind = strings.TrimRight(k, " (")
				break
			}
		}
		if kind == "" || kind == "import" {
			if kind == "import" && len(chunks) > 0 {
				chunks[len(chunks)-1].end = i // an import after a declaration: not Go as gofmt writes it
			}
			continue
		}
		start := i
		for start > 0 && bytes.HasPrefix(lines[start-1], []byte("//")) {
			start-- // its doc comment
		}
		if n := len(chunks); n > 0 {
			chunks[n-1].end = start // lines before this one's doc
		}
		c := goChunk{start: start + 1, end: len(lines)}
		text := string(l)
		switch {
		case kind == "func":
			if recv, fn, ok := goFuncName(text); ok {
				name := fn
				if recv != "" {
					name = recv + "." + fn
				}
				c.names = []string{name}
			}
		case kind == "type" && declGroupRE.MatchString(strings.TrimSpace(text)):
			for j := i + 1; j < len(lines) && !bytes.HasPrefix(lines[j], []byte(")")); j++ {
				if g := goGroupTypeRE.FindStringSubmatch(string(lines[j])); g != nil && bytes.HasPrefix(lines[j], []byte("\t")) && !bytes.HasPrefix(lines[j], []byte("\t\t")) {
					c.names = append(c.names, g[1])
				}
			}
		case kind == "type":
			if g := goTypeRE.FindStringSubmatch(text); g != nil {
				c.names = []string{g[1]}
			}
		case (kind == "var" || kind == "const") && declGroupRE.MatchString(strings.TrimSpace(text)):
			// A group's names: gookit/color d95f213 kept HsvToRgb as
			// `HsvToRgb = HSVToRGB` in a var group, and docdrift said it
			// was removed (round 148, wrong).
			for j := i + 1; j < len(lines) && !bytes.HasPrefix(lines[j], []byte(")")); j++ {
				if g := goGroupVarRE.FindSubmatch(lines[j]); g != nil {
					for _, n := range strings.Split(string(g[1]), ",") {
						c.names = append(c.names, strings.TrimSpace(n))
					}
				}
			}
		case kind == "var" || kind == "const":
			if g := goVarRE.FindStringSubmatch(text); g != nil {
				c.names = []string{g[1]}
			}
		}
		chunks = append(chunks, c)
	}
	return chunks
}

// goSide is one side of a Go file, read for what a commit changed in it.
// Commits with a file of the same content share it (sideCache): nothing
// in it changes once made but parsed, under mu.
type goSide struct {
	src    []byte
	lines  [][]byte
	chunks []goChunk
	byName map[string]int // chunk index by declared name

	mu     sync.Mutex
	parsed map[int]parsedChunk // by chunk index
}

// newGoSide is the split side of src, kept from an earlier commit when the
// file was the same there.
func newGoSide(src []byte) *goSide { return recentSides.side(src) }

// splitGoSide splits src into its declarations.
func splitGoSide(src []byte) *goSide {
	s := &goSide{src: src, lines: bytes.Split(src, []byte("\n")), byName: map[string]int{}}
	s.chunks = goChunks(s.lines)
	for i, c := range s.chunks {
		for _, n := range c.names {
			s.byName[n] = i
		}
	}
	return s
}

// touched returns the chunks holding any of the given line numbers.
func (s *goSide) touched(lines []int) map[int]bool {
	out := map[int]bool{}
	for _, no := range lines {
		for i, c := range s.chunks {
			if no >= c.start && no <= c.end {
				out[i] = true
				break
			}
		}
	}
	return out
}

// parseChunks parses the chunks one by one, each after a package clause,
// into one goFile. ok is false when one does not parse: the split was
// wrong (a raw string with a line that starts like a declaration), and the
// caller parses the whole file instead.
func (s *goSide) parseChunks(which map[int]bool) (*goFile, bool) {
	out := &goFile{by: map[string]*goDecl{}}
	for i := range s.chunks {
		if !which[i] {
			continue
		}
		p := s.chunk(i)
		if !p.ok {
			return nil, false
		}
		for _, d := range p.decls {
			out.add(d) // the first of a name wins, across chunks too
		}
	}
	return out, true
}

// parseChunk parses chunk i alone, after a package clause. Its
// declarations are shared by every goFile that holds the chunk: nothing
// changes a goDecl once parse made it.
func (s *goSide) parseChunk(i int) parsedChunk {
	c := s.chunks[i]
	lines := s.lines[c.start-1 : min(c.end, len(s.lines))]
	n := len("package p\n")
	for _, l := range lines {
		n += len(l) + 1
	}
	b := make([]byte, 0, n) // sized once: grown, it was copied at each doubling
	b = append(b, "package p\n"...)
	for _, l := range lines {
		b = append(b, l...)
		b = append(b, '\n')
	}
	one := &goFile{by: map[string]*goDecl{}}
	if !one.parse(b, c.start-2) {
		return parsedChunk{}
	}
	return parsedChunk{decls: one.decls, aliases: one.aliases, ok: true}
}

// mayDeclareAlias reports whether chunk c has a line, under its doc
// comment, that opens a type alias, a func type or a group of types.
func (s *goSide) mayDeclareAlias(c goChunk) bool {
	for _, l := range s.lines[c.start-1 : min(c.end, len(s.lines))] {
		if bytes.HasPrefix(l, []byte("type ")) {
			l = bytes.TrimSpace(l)
			return bytes.Contains(l, []byte(" = ")) || bytes.Contains(l, []byte(" func(")) || bytes.HasSuffix(l, []byte("("))
		}
	}
	return false
}

// aliases are the type aliases the side declares, from the chunks that
// may declare one (mayDeclareAlias), each parsed once.
func (s *goSide) aliases() map[string][]goTok {
	var out map[string][]goTok
	for i, c := range s.chunks {
		if !s.mayDeclareAlias(c) {
			continue
		}
		for name, toks := range s.chunk(i).aliases {
			if out == nil {
				out = map[string][]goTok{}
			}
			out[name] = toks
		}
	}
	return out
}

// changedGoSides parses what a commit changed in a Go file: the
// declarations that hold a changed line on either side, and their
// namesakes on the other side. A side that is absent (an added or a
// deleted file) is nil.
func changedGoSides(f *analyze.FileDiff, oldSrc, newSrc []byte, hasOld, hasNew bool) (oldF, newF *goFile, ok bool) {
	added, removed := changedLines(f)
	var oldS, newS *goSide
	oldWhich, newWhich := map[int]bool{}, map[int]bool{}
	if hasOld {
		oldS = newGoSide(oldSrc)
		oldWhich = oldS.touched(removed)
	}
	if hasNew {
		newS = newGoSide(newSrc)
		newWhich = newS.touched(added)
	}
	// A declaration changed on one side is read on both. A pure insertion
	// touches the new side only; a pure deletion the old side only.
	counterparts := func(from *goSide, which map[int]bool, to *goSide, into map[int]bool) {
		if from == nil || to == nil {
			return
		}
		for i := range which {
			for _, n := range from.chunks[i].names {
				if k, ok := to.byName[n]; ok {
					into[k] = true
				}
			}
		}
	}
	newFromOld, oldFromNew := map[int]bool{}, map[int]bool{}
	counterparts(oldS, oldWhich, newS, newFromOld)
	counterparts(newS, newWhich, oldS, oldFromNew)
	for k := range newFromOld {
		newWhich[k] = true
	}
	for k := range oldFromNew {
		oldWhich[k] = true
	}
	dropUnchanged(oldS, oldWhich, newS, newWhich)
	if oldS != nil {
		if oldF, ok = oldS.parseChunks(oldWhich); !ok {
			return nil, nil, false
		}
		oldF.names, oldF.aliases = oldS.byName, oldS.aliases()
	}
	if newS != nil {
		if newF, ok = newS.parseChunks(newWhich); !ok {
			return nil, nil, false
		}
		newF.names, newF.aliases = newS.byName, newS.aliases()
	}
	return oldF, newF, true
}

// dropUnchanged takes out of both sets the declarations whose text is
// the same on both sides but for blank lines at their end: a function
// added after another one touches the other's chunk with a blank line
// only. The same text declares the same: nothing there changed, and
// neither side needs parsing.
func dropUnchanged(oldS *goSide, oldWhich map[int]bool, newS *goSide, newWhich map[int]bool) {
	if oldS == nil || newS == nil {
		return
	}
	for i := range oldWhich {
		names := oldS.chunks[i].names
		if len(names) == 0 {
			continue
		}
		k, ok := newS.byName[names[0]]
		if !ok || !newWhich[k] || !slices.Equal(names, newS.chunks[k].names) {
			continue
		}
		if slices.EqualFunc(oldS.chunkLines(i), newS.chunkLines(k), bytes.Equal) {
			delete(oldWhich, i)
			delete(newWhich, k)
		}
	}
}

// chunkLines are chunk i's lines without the blank ones at its end.
func (s *goSide) chunkLines(i int) [][]byte {
	c := s.chunks[i]
	ls := s.lines[c.start-1 : min(c.end, len(s.lines))]
	for len(ls) > 0 && len(bytes.TrimSpace(ls[len(ls)-1])) == 0 {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// goExported reports whether a declared name ("Div", "Calc.Div") is
// exported: capitalised, and so is its receiver's type.
func goExported(name string) bool {
	for _, part := range strings.Split(name, ".") {
		if !isUpperStart(part) {
			return false
		}
	}
	return true
}
