package daemon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"syscall"
	"time"
)

// ErrNotRunning means no daemon listens on the socket.
var ErrNotRunning = errors.New("the ticket-master daemon is not running (start it with: ticket-master daemon start)")

// ErrNotAnswering means a daemon accepted the connection but did not answer
// in time: it is suspended (Ctrl-Z, kill -STOP) or hung.
var ErrNotAnswering = errors.New("the ticket-master daemon is not answering")

// Client talks to a daemon over its Unix socket.
type Client struct {
	socket string
	http   *http.Client
}

// NewClient returns a client for the daemon listening on socket. timeout
// bounds each request; a hung daemon then costs the caller at most that.
func NewClient(socket string, timeout time.Duration) *Client {
	dialer := &net.Dialer{Timeout: timeout}
	return &Client{
		socket: socket,
		http: &http.Client{
			Timeout: timeout,
			Transport: &http.Transport{
				DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
					return dialer.DialContext(ctx, "unix", socket)
				},
				DisableKeepAlives: true,
			},
		},
	}
}

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://ticket-master"+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return c.explain(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var e errorBody
		if json.NewDecoder(resp.Body).Decode(&e) == nil && e.Error != "" {
			return fmt.Errorf("daemon: %s", e.Error)
		}
		return fmt.Errorf("daemon: %s", resp.Status)
	}
	if out == nil {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("daemon: bad answer: %w", err)
	}
	return nil
}

// explain turns dial errors into something a person can act on.
func (c *Client) explain(err error) error {
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOENT) {
		return ErrNotRunning
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: it accepts connections on %s but gave no answer in time (suspended or hung; see: ticket-master daemon status)", ErrNotAnswering, c.socket)
	}
	return fmt.Errorf("talk to the daemon at %s: %w", c.socket, err)
}

// Nudge tells the daemon that a hook saw a commit in dir.
func (c *Client) Nudge(ctx context.Context, req NudgeRequest) error {
	return c.do(ctx, http.MethodPost, PathNudge, req, nil)
}

// Reconcile asks for a reconcile of one repository (or all with "").
func (c *Client) Reconcile(ctx context.Context, req ReconcileRequest) (ReconcileResponse, error) {
	var resp ReconcileResponse
	err := c.do(ctx, http.MethodPost, PathReconcile, req, &resp)
	return resp, err
}

// Status asks the daemon how it is.
func (c *Client) Status(ctx context.Context) (StatusResponse, error) {
	var resp StatusResponse
	err := c.do(ctx, http.MethodGet, PathStatus, nil, &resp)
	return resp, err
}

// Shutdown asks the daemon to stop cleanly.
func (c *Client) Shutdown(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, PathShutdown, nil, nil)
}
