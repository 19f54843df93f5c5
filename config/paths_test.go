package config

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestResolvePaths(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("XDG layout is for Unix-like systems")
	}
	tests := []struct {
		name string
		env  map[string]string
		want Paths
	}{
		{
			name: "one home for everything",
			env:  map[string]string{"TICKET_MASTER_HOME": "/tmp/tm", "HOME": "/home/u", "XDG_RUNTIME_DIR": "/run/user/1"},
			want: Paths{"/tmp/tm/config", "/tmp/tm/state", "/tmp/tm/run"},
		},
		{
			name: "xdg defaults",
			env:  map[string]string{"HOME": "/home/u"},
			want: Paths{"/home/u/.config/ticket-master", "/home/u/.local/state/ticket-master", "/home/u/.local/state/ticket-master/run"},
		},
		{
			name: "xdg variables",
			env:  map[string]string{"HOME": "/home/u", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s", "XDG_RUNTIME_DIR": "/run/user/1"},
			want: Paths{"/c/ticket-master", "/s/ticket-master", "/run/user/1/ticket-master"},
		},
		{
			name: "relative xdg values are ignored",
			env:  map[string]string{"HOME": "/home/u", "XDG_CONFIG_HOME": "rel", "XDG_RUNTIME_DIR": "rel"},
			want: Paths{"/home/u/.config/ticket-master", "/home/u/.local/state/ticket-master", "/home/u/.local/state/ticket-master/run"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolvePaths(func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := ResolvePaths(func(string) string { return "" }); err == nil {
		t.Error("no HOME and no TICKET_MASTER_HOME: want an error")
	}
	p := Paths{StateDir: "/s", RuntimeDir: "/r", ConfigDir: "/c"}
	if p.Socket() != filepath.Join("/r", "daemon.sock") || p.Database() != filepath.Join("/s", "ticket-master.db") {
		t.Errorf("unexpected file paths: %s %s", p.Socket(), p.Database())
	}
}
