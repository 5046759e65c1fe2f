import Foundation

/// Counters for `/metrics` in Prometheus' text format: requests by route and status, a latency histogram, and
/// findings by rule.
public final class ServiceMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [String: Int] = [:]
    private var findings: [String: Int] = [:]
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    private var bucketCounts = Array(repeating: 0, count: buckets.count)
    private var latencyCount = 0
    private var latencySum = 0.0

    public init() {}

    func record(route: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        requests["route=\"\(route)\",status=\"\(status)\"", default: 0] += 1
        latencyCount += 1
        latencySum += seconds
        for (index, bound) in Self.buckets.enumerated() where seconds <= bound { bucketCounts[index] += 1 }
    }

    func record(findings rules: [String]) {
        lock.lock()
        defer { lock.unlock() }
        for rule in rules { findings[rule, default: 0] += 1 }
    }

    public func render() -> String {
        lock.lock()
        defer { lock.unlock() }
        var out =
            "# HELP postcheck_requests_total HTTP requests by route and status.\n# TYPE postcheck_requests_total counter\n"
        for (labels, count) in requests.sorted(by: { $0.key < $1.key }) {
            out += "postcheck_requests_total{\(labels)} \(count)\n"
        }
        out +=
            "# HELP postcheck_request_duration_seconds Request latency.\n# TYPE postcheck_request_duration_seconds histogram\n"
        for (index, bound) in Self.buckets.enumerated() {
            out += "postcheck_request_duration_seconds_bucket{le=\"\(bound)\"} \(bucketCounts[index])\n"
        }
        out += "postcheck_request_duration_seconds_bucket{le=\"+Inf\"} \(latencyCount)\n"
        out +=
            "postcheck_request_duration_seconds_sum \(latencySum)\npostcheck_request_duration_seconds_count \(latencyCount)\n"
        out += "# HELP postcheck_findings_total Findings reported, by rule.\n# TYPE postcheck_findings_total counter\n"
        for (rule, count) in findings.sorted(by: { $0.key < $1.key }) {
            out += "postcheck_findings_total{rule=\"\(rule.replacingOccurrences(of: "\"", with: "\\\""))\"} \(count)\n"
        }
        return out
    }
}

/// Bounds how many checks run at once; up to `maxWaiting` more wait their turn, and beyond that a request is turned
/// away at once (503 with Retry-After) instead of piling up until every connection waits.
actor CheckSlots {
    private var free: Int
    private let maxWaiting: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int, maxWaiting: Int) {
        free = max(1, count)
        self.maxWaiting = max(0, maxWaiting)
    }

    /// Takes a slot (waiting for one if need be); false when the queue is full.
    func acquire() async -> Bool {
        if free > 0 {
            free -= 1
            return true
        }
        guard waiting.count < maxWaiting else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
