// Prometheus metrics (request counts and latencies by route and status) and request ids in logs and headers.
import Vapor
import Prometheus

final class GuildMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let buckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                       .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]

    func record(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(name: "http_requests_total",
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(name: "http_request_duration_seconds",
                                       labels: [("method", method), ("route", route)], buckets: buckets).record(duration)
    }

    func counter(_ name: String, labels: [(String, String)] = []) -> Counter {
        registry.makeCounter(name: name, labels: labels)
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = GuildMetrics }
    var metrics: GuildMetrics {
        if let m = storage[MetricsKey.self] { return m }
        let m = GuildMetrics()
        storage[MetricsKey.self] = m
        return m
    }
}

struct MetricsMiddleware: AsyncMiddleware {
    let metrics: GuildMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await next.respond(to: request)
        // The route pattern, never the raw path: ids would make the label set unbounded.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: clock.now - start)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: request.id)
        return response
    }
}
