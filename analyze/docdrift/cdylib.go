package docdrift

import (
	"path"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// extensionOnly reports whether the Rust file at p belongs to a crate
// built only as a library for another language to load: its Cargo.toml
// (the nearest above p, as the commit has it) lists `crate-type`s and none
// that Rust code links to (`lib`, `rlib`, `dylib`, `proc-macro`). Its
// `pub` items are no API anyone calls from Rust: ijl/orjson is a
// `cdylib` Python imports, and its README's `loads` and `dumps` are the
// Python functions, not the Rust ones bda10ac made pub(crate) (round 135,
// wrong).
func extensionOnly(files *symbol.Commit, p string) bool {
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		manifest := path.Join(dir, analyze.ManifestCargo)
		if src, ok := files.Read(manifest, analyze.Added); ok {
			var m struct {
				Lib struct {
					CrateType []string `toml:"crate-type"`
				} `toml:"lib"`
			}
			if _, err := toml.Decode(string(src), &m); err != nil || len(m.Lib.CrateType) == 0 {
				return false
			}
			return !slices.ContainsFunc(m.Lib.CrateType, func(t string) bool {
				return t == "lib" || t == "rlib" || t == "dylib" || t == "proc-macro"
			})
		}
		if dir == "." || dir == "/" {
			return false
		}
	}
}
