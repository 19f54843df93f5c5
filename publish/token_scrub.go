package publish

import (
	"errors"
	"strings"
)

// redacted replaces a secret in messages.
const redacted = "[redacted]"

// scrubSecret returns err with every occurrence of secret in its message
// replaced, for errors from code that saw the secret (a keyring's Set, an HTTP
// client given the token) and might echo it. errors.Is still sees through
// the result, but Unwrap does not: the original message must stay out of reach
// of whoever prints the chain.
func scrubSecret(err error, secret string) error {
	if err == nil || secret == "" {
		return err
	}
	msg := err.Error()
	if !strings.Contains(msg, secret) {
		return err
	}
	return scrubbedError{msg: strings.ReplaceAll(msg, secret, redacted), orig: err}
}

type scrubbedError struct {
	msg  string
	orig error
}

func (e scrubbedError) Error() string { return e.msg }

// Is lets errors.Is match what the original error matched.
func (e scrubbedError) Is(target error) bool { return errors.Is(e.orig, target) }
