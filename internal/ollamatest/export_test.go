package ollamatest

// WaitRequestsWithin is WaitRequests with another timeout, so that its own
// test need not wait WaitTimeout.
var WaitRequestsWithin = (*Server).waitRequests
