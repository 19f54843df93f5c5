package untested

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// rustPrivateModule reports whether the Rust file at p is a module its
// parent declares without pub (`mod unraw;`) and re-exports nothing of
// (no `pub use` naming it, but in a #[doc(hidden)] module), or one inside
// such a module: then its pub items are pub within the crate only, and no
// user calls them (dtolnay/thiserror 9116fdb: `pub fn member_span` of
// impl/src/unraw.rs, a private module of a proc-macro crate, was
// "exported code"; seanmonstar/httparse's src/simd/neon.rs is re-exported
// into simd, which lib.rs declares `mod simd;`). A crate root, a module
// whose declaration is not found (a #[path] attribute, an inline module)
// or a public one in public ones is not private. read is the file at a
// path as the commit has it.
func rustPrivateModule(p string, read func(string) ([]byte, bool)) bool {
	for range maxModuleDepth {
		private, parent := rustModuleLevel(p, read)
		if private || parent == "" {
			return private
		}
		p = parent // public here: is the module it is public in?
	}
	return false
}

// maxModuleDepth bounds the modules rustPrivateModule walks up through.
const maxModuleDepth = 16

// rustModuleLevel is rustPrivateModule for p's own declaration: private
// there, or else the file of the module that declares it public (parent),
// "" when that is a crate root or not known.
func rustModuleLevel(p string, read func(string) ([]byte, bool)) (private bool, parent string) {
	dir, file := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	name := strings.TrimSuffix(file, ".rs")
	var parents []string
	switch name {
	case "lib", "main":
		return false, "" // a crate root
	case "mod":
		// dir/mod.rs is module dir, declared where dir's parent declares
		// its modules.
		name = path.Base(dir)
		parents = moduleFiles(path.Dir(dir))
	default:
		parents = moduleFiles(dir)
	}
	declRE := regexp.MustCompile(`(?m)^[ \t]*(pub(?:\s*\([^)]*\))?\s+)?mod\s+` + regexp.QuoteMeta(name) + `\s*;`)
	for _, parent := range parents {
		src, ok := read(parent)
		if !ok {
			continue
		}
		decls := declRE.FindAllSubmatch(src, -1)
		if decls == nil {
			return false, "" // declared elsewhere, or inline: not known
		}
		for _, g := range decls {
			if strings.TrimSpace(string(g[1])) == "pub" {
				return false, parent // public, at least under one cfg
			}
		}
		reexport := regexp.MustCompile(`(?m)^[ \t]*pub(?:\s*\([^)]*\))?\s+use\s+[^;]*\b` + regexp.QuoteMeta(name) + `::`)
		hidden := hiddenModules(src)
		for _, m := range reexport.FindAllIndex(src, -1) {
			if !slices.ContainsFunc(hidden, func(span [2]int) bool { return m[0] > span[0] && m[0] < span[1] }) {
				return false, parent
			}
		}
		return true, ""
	}
	return false, ""
}

// moduleFiles are the files that may declare the modules of the files in
// dir: its mod.rs, the dir.rs beside it (Rust 2018), and in a src folder
// the crate roots.
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
	if path.Base(dir) == "src" || dir == "" || dir == "." {
		out = append(out, join("lib.rs"), join("main.rs"))
	}
	return out
}

// rustPrivateIn is rustPrivateModule for f, a Rust file of cd, read at
// the commit.
func rustPrivateIn(f *analyze.FileDiff, read func(string, analyze.LineKind) ([]byte, bool)) bool {
	if analyze.SourceLanguage(f.NewPath) != analyze.LangRust {
		return false
	}
	return rustPrivateModule(f.NewPath, func(p string) ([]byte, bool) { return read(p, analyze.Added) })
}

// hiddenModules are the spans (byte offsets) of the inline modules src
// marks #[doc(hidden)]: `#[doc(hidden)] pub mod _benchable { pub use
// super::iter::Bytes; }` (seanmonstar/httparse, "Exported for internal
// benchmarks, not fit for public consumption") re-exports for the
// project's own benches and macros, not for users.
func hiddenModules(src []byte) [][2]int {
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
var hiddenModRE = regexp.MustCompile(`(?m)^[ \t]*#\[doc\(hidden\)\][ \t]*\n(?:[ \t]*(?:#\[[^\n]*\]|//[^\n]*)[ \t]*\n)*[ \t]*pub(?:\s*\([^)]*\))?\s+mod\s+\w+\s*\{`)
