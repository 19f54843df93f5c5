package dependency

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strconv"
	"strings"
)

// major is the part of a version that breaks compatibility when it moves:
// v2 of 2.31.0, or v0.4 of ^0.4.1 where the ecosystem treats 0.x minors as
// majors (npm, Cargo, Poetry carets). The zero value means unknown: a
// tag, a URL, "*", a bare upper bound.
type major struct {
	n, minor int
	zero     bool // n is 0 and minor counts
	known    bool
	calendar bool // a year (2024.1): a new year is not a breaking change
}

// label names the major in fingerprints and titles: "v2", "v0.4",
// "calver" for calendar versions (one finding whatever the year), "any"
// when unknown.
func (m major) label() string {
	switch {
	case !m.known:
		return "any"
	case m.calendar:
		return "calver"
	case m.zero:
		return "v0." + strconv.Itoa(m.minor)
	}
	return "v" + strconv.Itoa(m.n)
}

// less orders two known majors.
func (m major) less(o major) bool {
	return m.n < o.n || m.n == o.n && m.zero && o.zero && m.minor < o.minor
}

// firstYear and lastYear bound the majors read as years: no project has
// reached major 1990 by counting, and a date-stamped 20240115 is a date.
const (
	firstYear = 1990
	lastYear  = 2200
)

func newMajor(n, minor int, hasMinor, zeroMinor bool) major {
	m := major{n: n, minor: minor, known: true}
	if n >= firstYear && n <= lastYear || n >= firstYear*10000 {
		m.calendar = true
	}
	m.zero = n == 0 && zeroMinor && hasMinor
	return m
}

var (
	rangeNumRE = lazyregexp.New(`(?:^|[\s^~=<>v])(\d+)(?:\.(\d+|[xX*]))?`)
	pipSpecRE  = lazyregexp.New(`(===|==|~=|>=|>|<=|<|!=)\s*v?(\d+)(?:\.(\d+))?`)
	mavenNumRE = lazyregexp.New(`^[\[(]?\s*v?(\d+)(?:\.(\d+))?`)
)

// rangeMajor is the major a semver range (npm, Cargo, Poetry, Composer)
// allows: "^1.2.3" is v1, ">=2 <3" v2, "^17 || ^18" v18 (the highest
// alternative). With zeroMinor, a 0.x range is named by its minor (v0.4),
// since ^0.4 and ^0.5 are as incompatible as two majors for those tools.
// Unknown for tags, URLs, paths and "*".
func rangeMajor(spec string, zeroMinor bool) major {
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "npm:") {
		if k := strings.LastIndexByte(spec, '@'); k >= 0 {
			spec = spec[k+1:] // npm:other@^2
		}
	}
	if strings.Contains(spec, ":") || strings.Contains(spec, "/") {
		return major{} // git+https://, file:, link:, github:user/repo, workspace:
	}
	var best major
	for _, alt := range alternatives(spec) {
		m := rangeNumRE.FindStringSubmatch(strings.TrimSpace(alt))
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		minor, err := strconv.Atoi(m[2])
		got := newMajor(n, minor, err == nil, zeroMinor)
		if !best.known || best.less(got) {
			best = got
		}
	}
	return best
}

// alternatives splits a range into the ranges it joins: npm's and
// Cargo's "||", Composer's "|" as well ("^1.12|^2.0": thephpleague/
// oauth2-server 60c2933d dropped ^1.12 from four such ranges, and read as
// one range from its first number each was "an upgrade from v1 to v2";
// round 71, wrong).
func alternatives(spec string) []string {
	return strings.Split(strings.ReplaceAll(spec, "||", "|"), "|")
}

// allowsMajor reports whether a bounded range already admits major m:
// an alternative with an upper bound (<, <=) above m's start and a lower
// bound at or below it. python-poetry/cleo 016e0d2 replaced mypy
// ">=0.990,<1.5" with "^1.0": 1.x was allowed before (round 71, wrong:
// "the upgrade of mypy from v0.990 to v1"). A floor with no ceiling
// (">=2") is left alone: raising it is an upgrade.
func allowsMajor(spec string, m major) bool {
	if !m.known || m.calendar {
		return false
	}
	for _, alt := range alternatives(spec) {
		var low, high major
		inclusive := false
		for _, c := range boundRE.FindAllStringSubmatch(alt, -1) {
			n, _ := strconv.Atoi(c[2])
			minor, err := strconv.Atoi(c[3])
			b := newMajor(n, minor, err == nil, m.zero)
			switch c[1] {
			case ">=", ">":
				low = b
			case "<", "<=":
				high, inclusive = b, c[1] == "<="
			}
		}
		if high.known && !(low.known && m.less(low)) && admits(high, inclusive, m) {
			return true
		}
	}
	return false
}

// admits reports whether an upper bound (exclusive unless inclusive)
// lies above the start of major m: "<2" and "<1.5" admit v1, "<1" does
// not; for 0.x majors, minors count ("<0.5" admits v0.4).
func admits(high major, inclusive bool, m major) bool {
	if high.n != m.n {
		return high.n > m.n
	}
	if !m.zero {
		return high.minor > 0 || inclusive
	}
	if high.minor != m.minor {
		return high.minor > m.minor
	}
	return inclusive
}

// boundRE is one comparator of a range: its operator and version.
var boundRE = lazyregexp.New(`(>=|<=|>|<)\s*v?(\d+)(?:\.(\d+))?`)

// rangeFloor is the lowest major the alternatives of a range allow ("^6
// || ^7 || ^8" is v6); the majors are read as rangeMajor reads them.
func rangeFloor(spec string) major {
	var low major
	for _, alt := range alternatives(spec) {
		if m := rangeMajor(alt, true); m.known && (!low.known || m.less(low)) {
			low = m
		}
	}
	return low
}

// rangeAllows reports whether one alternative of a range ("^6 || ^7")
// names the major labelled label.
func rangeAllows(spec, label string) bool {
	alts := alternatives(spec)
	if len(alts) < 2 {
		return false
	}
	for _, alt := range alts {
		if m := rangeMajor(alt, true); m.known && m.label() == label {
			return true
		}
	}
	return false
}

// pipMajor is the major a PEP 440 specifier pins or starts from: ==2.31.0,
// >=2.0, ~=2.1 are v2; a bare upper bound (<3) says nothing.
func pipMajor(spec string) major {
	for _, m := range pipSpecRE.FindAllStringSubmatch(spec, -1) {
		switch m[1] {
		case "===", "==", "~=", ">=", ">":
			n, _ := strconv.Atoi(m[2])
			minor, err := strconv.Atoi(m[3])
			return newMajor(n, minor, err == nil, false)
		}
	}
	return major{}
}

// mavenMajor is a Maven version's (or range's lower bound's) first number.
func mavenMajor(v string) major {
	m := mavenNumRE.FindStringSubmatch(v)
	if m == nil {
		return major{}
	}
	n, _ := strconv.Atoi(m[1])
	minor, err := strconv.Atoi(m[2])
	return newMajor(n, minor, err == nil, false)
}
