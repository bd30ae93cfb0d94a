// Prometheus metrics (request counts and latencies by route and status) and request ids in logs and headers.
import Vapor
import Prometheus
import NIOConcurrencyHelpers

final class GuildMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let buckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                       .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]

    /// One route's series for one method and status, made once: the registry's own look-up builds label arrays and
    /// strings and takes its lock on every call, which was a measurable part of a trivial request.
    private struct SeriesKey: Hashable { let route: ObjectIdentifier?; let method: String; let status: UInt }
    private let series = NIOLockedValueBox<[SeriesKey: (Counter, DurationHistogram)]>([:])

    /// Records a request against its route's series (made on first use, then read from a small dictionary).
    func record(_ request: Request, status: UInt, duration: Duration) {
        let key = SeriesKey(route: request.route.map(ObjectIdentifier.init), method: request.method.rawValue, status: status)
        if let found = series.withLockedValue({ $0[key] }) {
            found.0.increment()
            found.1.record(duration)
            return
        }
        // The route pattern, never the raw path: ids would make the label set unbounded.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let method = request.method.rawValue
        let made = (registry.makeCounter(name: "http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))]),
                    registry.makeDurationHistogram(name: "http_request_duration_seconds", labels: [("method", method), ("route", route)], buckets: buckets))
        series.withLockedValue { $0[key] = made }
        made.0.increment()
        made.1.record(duration)
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

/// Future-based, like `GuildErrorMiddleware`: no task per request.
struct MetricsMiddleware: Middleware {
    let metrics: GuildMetrics

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: request).map { response in
            metrics.record(request, status: response.status.code, duration: ContinuousClock.now - start)
            response.headers.replaceOrAdd(name: "X-Request-ID", value: request.id)
            return response
        }
    }
}
