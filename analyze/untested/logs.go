package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// A change to what a function logs is no change to what it does: go-kit/kit
// 828ffce made GRPCServerTrace's `logger.Log("unable to ...")` a key-value
// pair, `logger.Log("err", "unable to ...")`, and the draft asked for tests
// of GRPCServerTrace, which TestGRPCServerTrace already had (round 70,
// noise).

// logCallRE is a statement that is one call of a logger: logger.Log(...),
// log.Printf(...), level.Error(logger).Log(...), self.log.warning(...),
// console.log(...), tracing::debug!(...), eprintln!(...).
var logCallRE = lazyregexp.New(`^(?:(?:\w+\.)*(?:(?:\w*_)?[Ll]og(?:ger)?|level|slog|zap|klog|glog|logrus)\.\w+(?:\([^)]*\)\.Log)?|console\.(?:log|debug|info|warn|error)|(?:log|tracing)::\w+!|e?println!)\s*\(`)

// loggerFieldRE is a logger given to a field or variable: olekukonko/
// tablewriter ca992fd added `logger: ll.New("html"),` to NewHTML's and
// NewSVG's struct literals (round 72, noise: the renderers' tests call
// both).
var loggerFieldRE = lazyregexp.New(`^(?:self\.|this\.)?_?(?:[Ll]ogger|log|[Ll]og)\s*(?::|:=|=)\s*[\w.]*(?:New|new|[Gg]et[Ll]ogger|[Ll]ogger)\w*\([^()]*\)[,;]?$`)

// logsOnly reports whether every line f adds or removes in the hunks that
// touch symbol s is one call of a logger, a whole statement on its line.
func logsOnly(f *analyze.FileDiff, s symbol.Symbol) bool {
	end := max(s.EndLine, s.Line)
	seen := false
	for _, h := range f.Hunks {
		if h.NewStart > end || h.NewStart+h.NewLines <= s.Line {
			continue
		}
		for _, l := range h.Lines {
			if l.Kind == analyze.Context {
				continue
			}
			t := strings.TrimSpace(l.Text)
			if t == "" {
				continue
			}
			if loggerFieldRE.MatchString(t) {
				seen = true
				continue
			}
			if !logCallRE.MatchString(t) || !strings.HasSuffix(strings.TrimRight(t, ";"), ")") {
				return false
			}
			seen = true
		}
	}
	return seen
}
