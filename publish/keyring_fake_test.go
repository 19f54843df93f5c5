package publish

import "sync"

// memKeyring is an in-memory Keyring. err, when set, is what every call
// returns.
type memKeyring struct {
	mu      sync.Mutex
	entries map[[2]string]string
	err     error
}

func newMemKeyring() *memKeyring { return &memKeyring{entries: map[[2]string]string{}} }

func (m *memKeyring) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return "", m.err
	}
	v, ok := m.entries[[2]string{service, user}]
	if !ok {
		return "", ErrNoKeyringEntry
	}
	return v, nil
}

func (m *memKeyring) Set(service, user, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.entries[[2]string{service, user}] = secret
	return nil
}

func (m *memKeyring) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	if _, ok := m.entries[[2]string{service, user}]; !ok {
		return ErrNoKeyringEntry
	}
	delete(m.entries, [2]string{service, user})
	return nil
}

// hangingKeyring never answers until release is closed, like a locked
// keyring's unlock prompt on a machine with no one to type the password.
type hangingKeyring struct{ release <-chan struct{} }

func (h hangingKeyring) Get(string, string) (string, error) { <-h.release; return "", nil }
func (h hangingKeyring) Set(string, string, string) error   { <-h.release; return nil }
func (h hangingKeyring) Delete(string, string) error        { <-h.release; return nil }
