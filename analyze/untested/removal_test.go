package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// A later commit that removes every symbol a finding lists resolves it
// (pallets/quart 4afdb88 asked for tests of Config.from_file; ffa017c
// "Utilise the Flask config code" removed it, and the file stayed).
func TestRemovesAll(t *testing.T) {
	removal := difftest.File(t, difftest.Modified("src/quart/config.py", "src/quart/config.py",
		difftest.Hunk(136, 61,
			"             if key.isupper():",
			"                 self[key] = getattr(instance, key)",
			" ",
			"-    def from_file(",
			"-        self,",
			"-        filename: str,",
			"-        load: Callable[[IO[Any]], Mapping],",
			"-        silent: bool = False,",
			"-    ) -> bool:",
			"-        \"\"\"Load the configuration from a data file.\"\"\"",
			"-        return self.from_mapping(load(open(filename)))",
			"-",
			"-    def from_mapping(self, mapping=None, **kwargs) -> bool:",
			"-        return True")))
	removal.Hunks[0].Section = "class Config(dict):"
	for _, tc := range []struct {
		items []string
		want  bool
	}{
		{[]string{"Config.from_file (lines 248-256)"}, true},
		{[]string{"Config.from_file (lines 248-256)", "Config.from_mapping (lines 258-260)"}, true},
		{[]string{"Config.from_file (lines 248-256)", "Config.from_object (lines 230-240)"}, false},
	} {
		if got := RemovesAll(removal, tc.items); got != tc.want {
			t.Errorf("RemovesAll(%q) = %v, want %v", tc.items, got, tc.want)
		}
	}
}
