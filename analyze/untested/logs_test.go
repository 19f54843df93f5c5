package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

func TestLogCall(t *testing.T) {
	for line, want := range map[string]bool{
		`config.logger.Log("err", "unable to retrieve method name")`: true, // go-kit/kit 828ffce
		`log.Printf("retrying %s", name)`:                            true,
		`level.Error(logger).Log("err", err)`:                        true,
		`self.log.warning("stale lock %s", path)`:                    true,
		`console.warn("deprecated")`:                                 true,
		`tracing::debug!(?req, "sending");`:                          true,
		`dialog.Error("failed")`:                                     false,
		`t.Log("case", i)`:                                           false,
		`return logger.With("k", v)`:                                 false,
		`catalog.Update(item)`:                                       false,
	} {
		if got := logCallRE.MatchString(line); got != want {
			t.Errorf("logCallRE(%q) = %v, want %v", line, got, want)
		}
	}
}

// go-kit/kit 828ffce made GRPCServerTrace's log line a key-value pair:
// what it logs, not what it does. The same hunk changing a call that is no
// logger's is reported.
func TestLogsOnlyAsksForNoTest(t *testing.T) {
	trace := func(call string) string {
		return "package zipkin\n\n// GRPCServerTrace enables native Zipkin tracing of a Go kit gRPC transport Server.\n" +
			"func GRPCServerTrace(tracer *zipkin.Tracer, options ...TracerOption) kitgrpc.ServerOption {\n" +
			"\tconfig := TracerOptions{}\n\tif name == \"\" {\n\t\t" + call + "\n\t}\n\treturn nil\n}\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Use key-value pairs in the tracer's log lines"}
	logs := difftest.CommitOf(t, difftest.Changed("tracing/zipkin/grpc.go",
		trace(`config.logger.Log("unable to retrieve method name: missing gRPC interceptor hook")`),
		trace(`config.logger.Log("err", "unable to retrieve method name: missing gRPC interceptor hook")`)))
	if found, _ := Detect(c, logs, Options{}); len(found) != 0 {
		t.Errorf("a log line changed: %+v", found)
	}
	code := difftest.CommitOf(t, difftest.Changed("tracing/zipkin/grpc.go",
		trace(`config.span.Finish()`),
		trace(`config.span.Abandon()`)))
	if found, _ := Detect(c, code, Options{}); len(found) != 1 {
		t.Errorf("a call changed: %d findings, want 1", len(found))
	}
}
