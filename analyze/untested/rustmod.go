package untested

import (
	"bytes"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"iter"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// rustPrivateModule reports whether the Rust file at p is a module its
// parent declares without pub (`mod unraw;`) and re-exports nothing of
// (no `pub use` naming it, but in a #[doc(hidden)] module), or one inside
// such a module: then its pub items are pub within the crate only, and no
// user calls them (dtolnay/thiserror 9116fdb: `pub fn member_span` of
// impl/src/unraw.rs, a private module of a proc-macro crate, was
// "exported code"; seanmonstar/httparse's src/simd/neon.rs is re-exported
// into simd, which lib.rs declares `mod simd;`). A module only a binary's
// root (main.rs) declares is private whatever it says: no crate imports a
// program's modules (XAMPPRocky/tokei a64cfcc's src/cli_utils.rs, which
// lib.rs does not declare; round 105, wrong). A crate root, a module
// whose declaration is not found (a #[path] attribute, an inline module)
// or a public one in public ones is not private. read is the file at a
// path as the commit has it.
//
// only, when not nil, are the items a private module's re-exports name
// (`pub use deadline_support::Instant;`): the module's other pub items are
// the crate's own (mitsuhiko/similar 5077768's deadline_exceeded, round
// 104, wrong). A glob (`pub use self::swar::*;`) names them all.
func rustPrivateModule(p string, read func(string) ([]byte, bool)) (private bool, only map[string]bool) {
	child := "" // the module of the level below, which the names may name
	for level := range maxModuleDepth {
		private, parent, names := rustModuleLevel(p, read)
		switch {
		case level == 0:
			only = names // the file's own items: what the level above names is its module's
		case names == nil || names[child]:
			// The level above re-exports all, or the module itself by its
			// path (`pub use validators::validation_state::X`): no
			// narrower than before, as far as the names tell.
		case only == nil:
			only = names
		default:
			// Items re-exported into a private module are public only as
			// far as the level above re-exports them in turn:
			// pydantic-core's validators/mod.rs re-exports
			// ValidationState, and lib.rs, which declares `mod
			// validators;`, only PySome and SchemaValidator of it (round
			// 121, wrong).
			for n := range only {
				if !names[n] {
					delete(only, n)
				}
			}
			if len(only) == 0 {
				return true, nil
			}
		}
		if private || parent == "" {
			return private, only
		}
		child = rustModuleName(p)
		p = parent // public here: is the module it is public in?
	}
	return false, only
}

// rustModuleName is the name of the module the Rust file at p holds: its
// stem, or its folder's name for a mod.rs.
func rustModuleName(p string) string {
	dir, file := path.Split(p)
	if name := strings.TrimSuffix(file, ".rs"); name != "mod" {
		return name
	}
	return path.Base(strings.TrimSuffix(dir, "/"))
}

// maxModuleDepth bounds the modules rustPrivateModule walks up through.
const maxModuleDepth = 16

// rustModuleLevel is rustPrivateModule for p's own declaration: private
// there, or else the file of the module that declares it public or
// re-exports from it (parent), "" when that is a crate root or not known;
// names are the items the re-exports name, nil for all of them.
func rustModuleLevel(p string, read func(string) ([]byte, bool)) (private bool, parent string, names map[string]bool) {
	dir, file := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	name := strings.TrimSuffix(file, ".rs")
	var parents []string
	switch name {
	case "lib", "main":
		return false, "", nil // a crate root
	case "mod":
		// dir/mod.rs is module dir, declared where dir's parent declares
		// its modules.
		name = path.Base(dir)
		parents = moduleFiles(path.Dir(dir))
	default:
		parents = moduleFiles(dir)
	}
	// The patterns run on the lines that hold the name only: run over a
	// whole crate root at every commit (BurntSushi/ripgrep's main.rs),
	// a multi-line pattern tried at each of its bytes.
	declRE := regexp.MustCompile(`^[ \t]*(pub(?:\s*\([^)]*\))?\s+)?mod\s+` + regexp.QuoteMeta(name) + `\s*;`)
	// Only `pub use` makes the items public: rwf2/Rocket's `pub(crate) use
	// self::fairings::Fairings;` keeps Fairings the crate's, whose
	// unique_set was drafted as exported code (round 152, wrong).
	reexport := regexp.MustCompile(`^[ \t]*pub\s+use\s+[^;]*\b` + regexp.QuoteMeta(name) + `::$`)
	for _, parent := range parents {
		src, ok := read(parent)
		if !ok {
			continue
		}
		declared, public := false, false
		for _, l := range linesHolding(src, name) {
			if g := declRE.FindSubmatch(src[l[0]:l[1]]); g != nil {
				declared = true
				public = public || strings.TrimSpace(string(g[1])) == "pub"
			}
		}
		switch {
		case !declared:
			continue // a crate root without it: the other one may declare it
		case path.Base(parent) == "main.rs":
			return true, "", nil // a program's module
		case public:
			return false, parent, nil // public, at least under one cfg
		}
		hidden := hiddenModules(src)
		reexported, all := false, false
		names = map[string]bool{}
		for _, at := range useStarts(src, name+"::") {
			if reexport.Match(src[at[0]:at[1]]) && !slices.ContainsFunc(hidden, func(span [2]int) bool { return at[0] > span[0] && at[0] < span[1] }) {
				reexported = true
				all = usedItems(src[at[1]:], names) || all
			}
		}
		switch {
		case !reexported:
			return true, "", nil
		case all:
			return false, parent, nil
		}
		return false, parent, names
	}
	return false, "", nil
}

// usedItems adds to names the items a use path names after "module::"
// (rest starts there): one name, a braced list of them, each before any
// " as " or "::"; it reports a glob, which names every item.
func usedItems(rest []byte, names map[string]bool) (glob bool) {
	rest = bytes.TrimLeft(rest, " \t\n")
	if len(rest) > 0 && rest[0] == '{' {
		end := bytes.IndexByte(rest, '}')
		if end < 0 {
			return true // not read: take it all
		}
		for _, item := range bytes.Split(rest[1:end], []byte(",")) {
			if usedItems(item, names) {
				return true
			}
		}
		return false
	}
	if len(rest) > 0 && rest[0] == '*' {
		return true
	}
	n := 0
	for n < len(rest) && (rest[n] == '_' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= '0' && rest[n] <= '9') {
		n++
	}
	if n > 0 {
		names[string(rest[:n])] = true
	}
	return false
}

// useStarts are, for each place src holds s, the spans from each line
// start after the last ";" before it to the end of s: where a `pub use`
// naming it may begin, over several lines (`pub use self::{\n
// name::Thing,\n};`) or inside an inline module's braces.
func useStarts(src []byte, s string) [][2]int {
	var out [][2]int
	for k := range occurrences(src, s) {
		end := k + len(s)
		stmt := bytes.LastIndexByte(src[:k], ';') + 1
		for ls := bytes.LastIndexByte(src[:k], '\n') + 1; ; {
			out = append(out, [2]int{ls, end})
			if ls <= stmt || ls == 0 {
				break
			}
			if ls = bytes.LastIndexByte(src[:ls-1], '\n') + 1; ls < stmt {
				break
			}
		}
	}
	return out
}

// linesHolding are the spans (start, end byte offsets, without the
// newline) of the lines of src that hold s, each once.
func linesHolding(src []byte, s string) [][2]int {
	var out [][2]int
	for k := range occurrences(src, s) {
		if n := len(out); n > 0 && k <= out[n-1][1] {
			continue // the line listed already
		}
		start := bytes.LastIndexByte(src[:k], '\n') + 1
		end := len(src)
		if nl := bytes.IndexByte(src[k:], '\n'); nl >= 0 {
			end = k + nl
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// occurrences yields the offsets where src holds s, none overlapping.
func occurrences(src []byte, s string) iter.Seq[int] {
	needle := []byte(s)
	return func(yield func(int) bool) {
		for from := 0; from < len(src); {
			k := bytes.Index(src[from:], needle)
			if k < 0 || !yield(from+k) {
				return
			}
			from += k + max(len(needle), 1)
		}
	}
}

// moduleFiles are the files that may declare the modules of the files in
// dir: its mod.rs, the dir.rs beside it (Rust 2018), and the crate roots
// in it. Not only in a src folder: a Cargo.toml may put a root anywhere
// (rust-lang/regex's regex-cli has `[[bin]] path = "main.rs"` beside its
// args/ and cmd/, whose pub items were "exported code": round 116, noise).
func moduleFiles(dir string) []string {
	join := func(f string) string {
		if dir == "" || dir == "." {
			return f
		}
		return dir + "/" + f
	}
	out := []string{join("mod.rs")}
	if dir != "" && dir != "." {
		out = append(out, dir+".rs")
	}
	return append(out, join("lib.rs"), join("main.rs"))
}

// publicIn keeps of keep, the symbols of f, a file of cd read at the
// commit, those a user of its package can call: none of a private
// module's, and of one public through re-exports of named items, those
// items and their methods. Rust's modules by their declarations
// (rustPrivateModule), Python's by their names and their package's
// __init__.py (pythonPrivateModule), JavaScript's by their names and
// their folder's index (jsPrivateModule); other languages' are kept.
func publicIn(f *analyze.FileDiff, read func(string, analyze.LineKind) ([]byte, bool), keep []symbol.Symbol) []symbol.Symbol {
	var privateModule func(string, func(string) ([]byte, bool)) (bool, map[string]bool)
	switch analyze.SourceLanguage(f.NewPath) {
	case analyze.LangRust:
		privateModule = rustPrivateModule
	case analyze.LangPython:
		privateModule = pythonPrivateModule
	case analyze.LangJS:
		privateModule = jsPrivateModule
	default:
		return keep
	}
	if len(keep) == 0 {
		return keep
	}
	private, only := privateModule(f.NewPath, func(p string) ([]byte, bool) { return read(p, analyze.Added) })
	if private {
		return nil
	}
	if only == nil {
		return keep
	}
	return slices.DeleteFunc(keep, func(s symbol.Symbol) bool {
		item, _, _ := strings.Cut(s.Name, ".")
		item, _, _ = strings.Cut(item, "::")
		return !only[item]
	})
}

// hiddenModules are the spans (byte offsets) of the inline modules src
// marks #[doc(hidden)]: `#[doc(hidden)] pub mod _benchable { pub use
// super::iter::Bytes; }` (seanmonstar/httparse, "Exported for internal
// benchmarks, not fit for public consumption") re-exports for the
// project's own benches and macros, not for users.
func hiddenModules(src []byte) [][2]int {
	if !bytes.Contains(src, []byte("#[doc(hidden)]")) {
		return nil
	}
	var spans [][2]int
	for _, m := range hiddenModRE.FindAllIndex(src, -1) {
		open := m[1] - 1 // the "{"
		depth := 0
		for i := open; i < len(src); i++ {
			switch src[i] {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 0 {
				spans = append(spans, [2]int{open, i})
				break
			}
		}
	}
	return spans
}

// hiddenModRE is an inline module under #[doc(hidden)], up to its "{"
// (other attributes and comments may stand between).
var hiddenModRE = lazyregexp.New(`(?m)^[ \t]*#\[doc\(hidden\)\][ \t]*\n(?:[ \t]*(?:#\[[^\n]*\]|//[^\n]*)[ \t]*\n)*[ \t]*pub(?:\s*\([^)]*\))?\s+mod\s+\w+\s*\{`)
