package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
)

// vendorsRE is a commit subject that says the commit brings in another
// project's code: "Embed the diode lib to avoid test dependencies"
// (rs/zerolog 77db4b4, go-diodes copied under diode/internal/), "➖ Vendor
// Click and streamline Typer's functionality" (fastapi/typer 1829d73),
// "Vendor `AddExtensionLayer` and `AddExtension`" (tokio-rs/axum). The
// files it adds are tested where they came from; "embed" alone (a font,
// an embedded language) and "when vendoring dependencies" are not it.
var vendorsRE = lazyregexp.New(`(?i)^\W*vendor(s|ed|ing)?\s|\b(vendor|embed)(s|ed|ded|ing|ding)?\s+(the\s+|a\s+)?[\w.-]+\s+(lib|library|package|crate|module)\b`)

// vendors reports whether subject says the commit brings in another
// project's code.
func vendors(subject string) bool { return vendorsRE.MatchString(subject) }
