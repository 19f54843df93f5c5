package finding

import (
	"reflect"
	"testing"
)

func TestMergeLabels(t *testing.T) {
	got := MergeLabels([]string{" bug", "", "Bug"}, nil, []string{"tech-debt", "BUG", "team-x "})
	if want := []string{"bug", "tech-debt", "team-x"}; !reflect.DeepEqual(got, want) {
		t.Errorf("MergeLabels = %q, want %q", got, want)
	}
	if got := MergeLabels(); got == nil || len(got) != 0 {
		t.Errorf("MergeLabels() = %#v, want an empty list", got)
	}
}

func TestShortHash(t *testing.T) {
	if got := ShortHash("c788aa74e7f9e758c2f933f146758732064cc285"); got != "c788aa7" {
		t.Errorf("ShortHash = %q", got)
	}
	if got := ShortHash("abc"); got != "abc" {
		t.Errorf("ShortHash(abc) = %q", got)
	}
}
