package publish

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"
)

// Limits of waiting, after GitHub's documented advice on rate limits.
const (
	// MaxRateLimitWait is the longest wait for a rate limit to pass; a
	// longer one stops with ErrRateLimited instead, naming the time,
	// rather than leaving someone in front of a silent terminal.
	MaxRateLimitWait = 15 * time.Minute
	// secondaryWait is the first wait after a secondary rate limit that
	// says nothing about when to come back: "at least one minute", growing
	// exponentially while it repeats.
	secondaryWait = time.Minute
	// serverBackoff is the first wait after a 5xx or a network failure,
	// doubled at each further attempt (2s, 4s, 8s).
	serverBackoff = 2 * time.Second
)

// verdict is what to do about a failed request.
type verdict struct {
	err   error // what to report if it is not retried
	retry bool
	wait  time.Duration // before retrying
	// ambiguous: the request may have taken effect although it failed (a
	// 5xx, a timeout), so a create must look for its result before trying
	// again.
	ambiguous bool
}

// mapError maps err for callers that do not retry.
func mapError(err error, now time.Time) error { return classify(err, now, 0).err }

// classify reads a go-github error. attempt counts from 0 and scales the
// backoff. go-github reports a 403 with X-RateLimit-Remaining: 0 as
// RateLimitError and a 403 whose documentation_url points at secondary
// rate limits as AbuseRateLimitError, but a 429 of either kind only as a
// plain ErrorResponse, so those are read from the headers here.
func classify(err error, now time.Time, attempt int) verdict {
	var (
		primary   *github.RateLimitError
		secondary *github.AbuseRateLimitError
		twoFactor *github.TwoFactorAuthError
		answer    *github.ErrorResponse
	)
	switch {
	case errors.As(err, &primary):
		return primaryLimit(primary.Response, primary.Rate.Reset.Time, now, err)
	case errors.As(err, &secondary):
		return secondaryLimit(secondary.Response, now, attempt, err)
	case errors.As(err, &twoFactor):
		return verdict{err: statusError(http.StatusUnauthorized, gitHubSays(twoFactor.Message, nil), err)}
	case errors.As(err, &answer) && answer.Response != nil:
		resp := answer.Response
		status := resp.StatusCode
		switch {
		case status == http.StatusTooManyRequests && resp.Header.Get("X-RateLimit-Remaining") == "0":
			return primaryLimit(resp, resetHeader(resp.Header), now, err)
		case status == http.StatusTooManyRequests,
			status == http.StatusForbidden && resp.Header.Get("Retry-After") != "":
			return secondaryLimit(resp, now, attempt, err)
		case status >= 500:
			detail := strings.TrimSpace(fmt.Sprintf("%d %s %s", status, http.StatusText(status), gitHubSays(answer.Message, nil)))
			return verdict{err: statusError(status, detail, err), retry: true, wait: serverBackoff << attempt, ambiguous: true}
		default:
			return verdict{err: statusError(status, gitHubSays(answer.Message, fieldErrors(answer.Errors)), err)}
		}
	}
	var urlErr *url.Error
	var netErr net.Error
	if errors.As(err, &urlErr) || errors.As(err, &netErr) {
		e := &APIError{Kind: ErrUnreachable, Err: err}
		if urlErr != nil {
			e.Detail = urlErr.Err.Error() // the cause without the method and URL around it
		}
		return verdict{err: e, retry: true, wait: serverBackoff << attempt, ambiguous: true}
	}
	return verdict{err: err}
}

// primaryLimit waits for the quota to reset, if that is soon enough.
func primaryLimit(resp *http.Response, reset, now time.Time, cause error) verdict {
	e := &APIError{Kind: ErrRateLimited, Status: status(resp), Err: cause}
	if reset.IsZero() {
		e.Detail = "GitHub gave no reset time"
		return verdict{err: e, retry: true, wait: secondaryWait}
	}
	// The reset is in whole seconds: one more avoids asking a moment early.
	wait := max(reset.Sub(now)+time.Second, time.Second)
	e.Detail = fmt.Sprintf("it resets at %s, in %s: publish again after that",
		reset.Local().Format("15:04:05 MST"), wait.Round(time.Second))
	return verdict{err: e, retry: wait <= MaxRateLimitWait, wait: wait}
}

// secondaryLimit follows GitHub's advice: wait Retry-After seconds if
// given, else until X-RateLimit-Reset if the quota is at 0, else at least
// a minute, doubling while it repeats.
func secondaryLimit(resp *http.Response, now time.Time, attempt int, cause error) verdict {
	wait := secondaryWait << attempt
	var h http.Header
	if resp != nil {
		h = resp.Header
	}
	if secs, err := strconv.Atoi(h.Get("Retry-After")); err == nil && secs >= 0 {
		wait = time.Duration(secs) * time.Second
	} else if reset := resetHeader(h); h.Get("X-RateLimit-Remaining") == "0" && !reset.IsZero() {
		wait = max(reset.Sub(now)+time.Second, time.Second)
	}
	e := &APIError{Kind: ErrRateLimited, Status: status(resp), Err: cause,
		Detail: fmt.Sprintf("secondary rate limit: GitHub asked for a pause of %s: publish again after %s",
			wait.Round(time.Second), now.Add(wait).Local().Format("15:04:05 MST"))}
	return verdict{err: e, retry: wait <= MaxRateLimitWait, wait: wait}
}

func resetHeader(h http.Header) time.Time {
	secs, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil || secs <= 0 {
		return time.Time{}
	}
	return time.Unix(secs, 0)
}

func status(resp *http.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}

// fieldErrors renders a 422's field errors, e.g. "Label name invalid".
func fieldErrors(errs []github.Error) []string {
	var out []string
	for _, e := range errs {
		if e.Message != "" {
			out = append(out, e.Message)
			continue
		}
		out = append(out, strings.Join(strings.Fields(e.Resource+" "+e.Field+" "+e.Code), " "))
	}
	return out
}

// gaveUp notes on the last error that retries ran out.
func gaveUp(err error, retries int) error {
	var e *APIError
	if !errors.As(err, &e) {
		return fmt.Errorf("gave up after %d retries: %w", retries, err)
	}
	c := *e
	note := fmt.Sprintf("gave up after %d retries", retries)
	if c.Detail != "" {
		note = c.Detail + "; " + note
	}
	c.Detail = note
	return &c
}
