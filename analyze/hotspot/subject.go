package hotspot

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// bookkeepingRE is a commit that bumps dependencies or cuts a release:
// its changes are a tool's routine, not a sign that code is fragile.
var bookkeepingRE = lazyregexp.New(`(?i)^(?:(?:build|chore|fix|ci)\((?:deps|deps-dev|dev-deps|dependencies|renovate)\)!?:` +
	`|bump\s+\S+\s+from\s+\S+\s+to\s` +
	`|bump\s+the\s+\S+\s+group\b` +
	`|update\s+(?:dependency|dependencies|module|rust crates?|all dependencies|actions?|pre-commit hooks?)\b` +
	`|lock file maintenance` +
	`|chore\(release\)|\[?release\]?:?\s+v?\d|v?\d+\.\d+\.\d+\S*$|bump version\b)`)

// isBookkeeping reports a commit made by a bot or for routine upkeep:
// dependency bumps and releases.
func isBookkeeping(c analyze.Commit) bool {
	return analyze.IsBot(c.Author) || bookkeepingRE.MatchString(strings.TrimSpace(c.Subject))
}
