package finding

import "testing"

func TestEvidenceWhere(t *testing.T) {
	for _, tt := range []struct {
		ev   Evidence
		want string
	}{
		{Evidence{Path: "a.go", Line: 12}, "a.go:12"},
		{Evidence{Path: "a.go", Line: 12, EndLine: 14}, "a.go:12-14"},
		{Evidence{Path: "a.go", Line: 12, EndLine: 12}, "a.go:12"},
		{Evidence{Path: "calc.go"}, "calc.go"}, // a hotspot: the whole file
	} {
		if got := tt.ev.Where(); got != tt.want {
			t.Errorf("%+v.Where() = %q, want %q", tt.ev, got, tt.want)
		}
	}
}
