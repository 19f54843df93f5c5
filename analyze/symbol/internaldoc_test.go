package symbol

import "testing"

// internalDoc only skips the expression for lines that hold none of its
// words: it must say what internalDocRE says of every line.
func TestInternalDocAgreesWithExpression(t *testing.T) {
	lines := []string{
		"// An implementation detail of the parser.",
		"/// This is not exposed to users.",
		"# Not part of the public API.",
		" * @internal",
		" * @private",
		"// For internal use only.",
		"// FOR INTERNAL USE",
		"// Private API: may change.",
		"// not a public API",
		"// Parse reads a document.",
		"// The details are in the README.",
		"// Exposes the raw API of the client.",
		"// internally buffered",
		"",
	}
	for _, l := range lines {
		if got, want := internalDoc(l), internalDocRE.MatchString(l); got != want {
			t.Errorf("internalDoc(%q) = %v, the expression says %v", l, got, want)
		}
	}
	if !internalDoc("// For internal use only.") || internalDoc("// Parse reads a document.") {
		t.Error("internalDoc misreads the plainest cases")
	}
}
