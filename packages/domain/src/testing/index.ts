// The domain's testing kit: in-memory fakes of every port, fast-check arbitraries, builders and
// port contract suites (run by the real adapters too). Imports fast-check, an optional peer.

// arbitraries and builders

// fakes

// contracts
