package symbol

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// DefinedIn reports whether the source file at p, whose content is src,
// defines name: a function, type or method of that name, exported or not
// (a method is found by its name alone, "process" of "Glob.process").
// known is false for a language the symbol rules do not read. A word in
// a file is not its definition: node-glob's src/glob.ts names
// `process.platform` long after Glob.process was taken out.
func DefinedIn(p string, src []byte, name string) (defined, known bool) {
	lang := analyze.SourceLanguage(p)
	if lang == analyze.LangGo {
		for n := range newGoSide(src).byName {
			if n == name || strings.HasSuffix(n, "."+name) {
				return true, true
			}
		}
		return false, true
	}
	defs := scanDefs(lang, analyze.FileLines(src))
	if defs == nil && lang == "" {
		return false, false
	}
	for _, d := range defs {
		if d.name == name || strings.HasSuffix(d.name, "."+name) {
			return true, true
		}
	}
	return false, lang != ""
}
