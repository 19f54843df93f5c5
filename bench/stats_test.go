package bench

import (
	"math"
	"slices"
	"time"
)

// median of ds (the mean of the two middle values for an even count): the
// figure that one slow outlier on a busy machine does not move.
func median(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// percentile p (0-100) of ds by the nearest-rank method, so it is always
// one of the measured values.
func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	if len(s) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = max(1, min(rank, len(s)))
	return s[rank-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func passFail(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}
