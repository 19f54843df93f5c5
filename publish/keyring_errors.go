package publish

import (
	"errors"
	"fmt"
	"strings"

	gokeyring "github.com/zalando/go-keyring"
)

// mapKeyringError turns go-keyring's errors into ours: ErrNotFound becomes
// ErrNoKeyringEntry, an absent keyring service ErrNoKeyring and a collection
// that stayed locked ErrKeyringLocked (both keeping the platform's words after
// them, for whoever has to fix it); anything else is wrapped with what failed.
func mapKeyringError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gokeyring.ErrNotFound):
		return ErrNoKeyringEntry
	case keyringServiceMissing(err):
		return fmt.Errorf("%w (%v)", ErrNoKeyring, err)
	case strings.Contains(err.Error(), "failed to unlock correct collection"):
		// go-keyring's words (no sentinel) when the Secret Service's unlock
		// prompt was dismissed or could not be shown.
		return fmt.Errorf("%w (%v)", ErrKeyringLocked, err)
	default:
		return fmt.Errorf("OS keyring: %w", err)
	}
}
