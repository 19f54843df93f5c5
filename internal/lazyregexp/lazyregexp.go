// Package lazyregexp is a regular expression compiled on its first use
// rather than when its package is initialised.
//
// The detectors hold some three hundred expressions as package variables.
// Compiled by regexp.MustCompile, they were compiled before main ran, by
// every command: `ticket-master --version` took 40 ms, a third of it
// compiling expressions it never used, and a backfill waited for all of
// them on one core before its first git process started. Compiled on
// first use, each costs a command only when it is asked, and a backfill
// compiles those it needs on the cores the detectors run on.
//
// An expression that does not compile panics at its first use, as
// MustCompile would at start; CompileAll lets a test find it first.
package lazyregexp

import (
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"
)

// Regexp is a regexp.Regexp compiled on first use. Its methods are those
// of regexp.Regexp; it is safe for concurrent use.
type Regexp struct {
	str  string
	once sync.Once
	rx   atomic.Pointer[regexp.Regexp]
}

// all is every expression New made, for CompileAll.
var all struct {
	sync.Mutex
	list []*Regexp
}

// New returns expr, to be compiled on first use. Call it to initialise a
// package variable; an expression built at run time may as well be
// compiled at once with regexp.
func New(expr string) *Regexp {
	r := &Regexp{str: expr}
	all.Lock()
	all.list = append(all.list, r)
	all.Unlock()
	return r
}

// Regexp returns the compiled expression, compiling it on the first call.
// It panics if the expression does not compile.
func (r *Regexp) Regexp() *regexp.Regexp {
	if rx := r.rx.Load(); rx != nil {
		return rx
	}
	r.once.Do(func() { r.rx.Store(regexp.MustCompile(r.str)) })
	return r.rx.Load()
}

// CompileAll compiles every expression New has made so far (those of the
// packages the program links) and returns an error naming each one that
// does not compile; the expressions that do are compiled for later use.
func CompileAll() error {
	all.Lock()
	list := append([]*Regexp(nil), all.list...)
	all.Unlock()
	var bad []error
	for _, r := range list {
		if _, err := regexp.Compile(r.str); err != nil {
			bad = append(bad, err)
			continue
		}
		r.Regexp()
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d expressions do not compile: %v", len(bad), bad)
	}
	return nil
}

// Count is how many expressions New has made, and how many of them are
// compiled.
func Count() (made, compiled int) {
	all.Lock()
	defer all.Unlock()
	for _, r := range all.list {
		made++
		if r.rx.Load() != nil {
			compiled++
		}
	}
	return made, compiled
}

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.str }

// The methods below forward to regexp.Regexp's of the same name.

func (r *Regexp) Match(b []byte) bool            { return r.Regexp().Match(b) }
func (r *Regexp) MatchString(s string) bool      { return r.Regexp().MatchString(s) }
func (r *Regexp) Find(b []byte) []byte           { return r.Regexp().Find(b) }
func (r *Regexp) FindIndex(b []byte) []int       { return r.Regexp().FindIndex(b) }
func (r *Regexp) FindString(s string) string     { return r.Regexp().FindString(s) }
func (r *Regexp) FindStringIndex(s string) []int { return r.Regexp().FindStringIndex(s) }
func (r *Regexp) FindSubmatch(b []byte) [][]byte { return r.Regexp().FindSubmatch(b) }
func (r *Regexp) FindStringSubmatch(s string) []string {
	return r.Regexp().FindStringSubmatch(s)
}
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.Regexp().FindStringSubmatchIndex(s)
}
func (r *Regexp) FindAll(b []byte, n int) [][]byte { return r.Regexp().FindAll(b, n) }
func (r *Regexp) FindAllIndex(b []byte, n int) [][]int {
	return r.Regexp().FindAllIndex(b, n)
}
func (r *Regexp) FindAllString(s string, n int) []string {
	return r.Regexp().FindAllString(s, n)
}
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringIndex(s, n)
}
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	return r.Regexp().FindAllSubmatch(b, n)
}
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.Regexp().FindAllStringSubmatch(s, n)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) ReplaceAll(src, repl []byte) []byte { return r.Regexp().ReplaceAll(src, repl) }
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Regexp().ReplaceAllString(src, repl)
}
func (r *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return r.Regexp().ReplaceAllLiteralString(src, repl)
}
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.Regexp().ReplaceAllStringFunc(src, repl)
}
func (r *Regexp) Split(s string, n int) []string { return r.Regexp().Split(s, n) }
func (r *Regexp) SubexpIndex(name string) int    { return r.Regexp().SubexpIndex(name) }
func (r *Regexp) SubexpNames() []string          { return r.Regexp().SubexpNames() }
func (r *Regexp) NumSubexp() int                 { return r.Regexp().NumSubexp() }
