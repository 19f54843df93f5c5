package githubtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// pageBounds reads page and per_page as GitHub does (per_page defaults to
// 30 and is capped at 100; page starts at 1), and sets the Link header for
// n items. It returns the slice bounds of the requested page.
func (s *Server) pageBounds(w http.ResponseWriter, req Request, n int) (from, to int) {
	per, err := strconv.Atoi(req.Query.Get("per_page"))
	if err != nil || per <= 0 {
		per = 30
	}
	per = min(per, 100)
	page, err := strconv.Atoi(req.Query.Get("page"))
	if err != nil || page <= 0 {
		page = 1
	}
	last := max((n+per-1)/per, 1)
	var links []string
	link := func(p int, rel string) {
		q := maps.Clone(req.Query) // Set replaces a slice, so a shallow copy will do
		if q == nil {
			q = url.Values{}
		}
		q.Set("page", strconv.Itoa(p))
		links = append(links, fmt.Sprintf("<%s%s?%s>; rel=%q", s.URL(), strings.TrimPrefix(req.Path, "/"), q.Encode(), rel))
	}
	if page > 1 {
		link(page-1, "prev")
	}
	if page < last {
		link(page+1, "next")
		link(last, "last")
	}
	if page > 1 {
		link(1, "first")
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	from = min((page-1)*per, n)
	return from, min(from+per, n)
}

// writeConditional sends v with a weak ETag over its bytes, or 304 Not
// Modified with no body when the request's If-None-Match names that ETag,
// as GitHub does for GET requests.
func writeConditional(w http.ResponseWriter, req Request, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	sum := sha256.Sum256(body)
	etag := `W/"` + hex.EncodeToString(sum[:16]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, max-age=60, s-maxage=60")
	w.Header().Set("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
	if etagMatches(req.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// etagMatches compares weakly, as If-None-Match does: W/"x" matches "x".
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, candidate := range strings.Split(header, ",") {
		c := strings.TrimSpace(candidate)
		if c == "*" || strings.TrimPrefix(c, "W/") == want {
			return true
		}
	}
	return false
}
