package finding

import "fmt"

// Severity ranks findings. High and medium findings get a draft of their
// own; low ones go into the repository's maintenance digest by default.
type Severity string

// Severities, from the most to the least urgent.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Rank orders severities: a larger rank is more urgent. An unknown or
// empty severity ranks as medium, the severity findings had before
// severities existed.
func (s Severity) Rank() int {
	switch s {
	case High:
		return 3
	case Low:
		return 1
	}
	return 2
}

// ParseSeverity reads a severity as the settings spell it.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case High, Medium, Low:
		return Severity(s), nil
	}
	return "", fmt.Errorf("%q is not a severity; use high, medium or low", s)
}
