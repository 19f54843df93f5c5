package credential

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The specification of Assignments: what these find, it must find, index
// for index. quotedAssignSpec is the secret detector's (a JSON key's quote
// belongs to the match), assignSpec redaction's.
var (
	assignSpec       = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.\-]*)["']?[ \t]*(:=|=>|=|:)[ \t]*`)
	quotedAssignSpec = regexp.MustCompile(`["']?([A-Za-z_][A-Za-z0-9_.\-]*)["']?[ \t]*(:=|=>|=|:)[ \t]*`)
)

func assignSamples() []string {
	return []string{
		"",
		"password = hunter2",
		`{"api_key": "abc", 'token':'x', "a"  =>  b}`,
		"x := 1; y=>2; z ==3; w =~ 4; a::b; c:=: d",
		"db.password\t:\t'secret'",
		`9abc=1 -x=2 .y:3 _z :`,
		`"" = 1 '' : 2 "'k"=v`,
		"name\"\"=v name' = v",
		"AUTH_TOKEN=ghp_x TOKEN='y' token",
		"héllo=wörld ünïcode_key: 1 \xff\xfekey=2 key\xff=3",
		"a=b=c=d",
		"k=",
		"k",
		`"`,
		`"k`,
		`"k"`,
		`"k":`,
		"  - secret:   value   # comment",
		"export PASSWORD=abc123XYZ",
		strings.Repeat("keykeykey", 50) + "=1",
		strings.Repeat("a.b-c_", 100) + " : 2",
	}
}

func checkAssignments(t *testing.T, s string) {
	t.Helper()
	if got, want := Assignments(s, false), assignSpec.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("Assignments(%q, false) = %v, assignSpec finds %v", s, got, want)
	}
	if got, want := Assignments(s, true), quotedAssignSpec.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("Assignments(%q, true) = %v, quotedAssignSpec finds %v", s, got, want)
	}
}

func TestAssignmentsAsTheRegexp(t *testing.T) {
	for _, s := range assignSamples() {
		checkAssignments(t, s)
	}
	// Random lines over the bytes that matter to the pattern: names,
	// quotes, blanks, operators, and a byte of a wider rune.
	alphabet := []string{"a", "K", "_", "9", ".", "-", `"`, "'", " ", "\t", ":", "=", ">", "~", ",", "é", "\xff", "key", "token"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		checkAssignments(t, b.String())
	}
}

func FuzzAssignmentsAsTheRegexp(f *testing.F) {
	for _, s := range assignSamples() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkAssignments(t, s) })
}

// minifiedLine is the kind of line the scan is for: long, with a secret's
// word every few bytes and assignments everywhere.
var minifiedLine = strings.Repeat(`var e={key:t.key,token:n?o:r,headers:{"X-Api-Key":a}};if(e.key===p)return s=f;`, 200)

func BenchmarkAssignments(b *testing.B) {
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			Assignments(minifiedLine, true)
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			quotedAssignSpec.FindAllStringSubmatchIndex(minifiedLine, -1)
		}
	})
}
