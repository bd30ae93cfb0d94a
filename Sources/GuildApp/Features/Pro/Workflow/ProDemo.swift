// `guild demo`: Pro vetting through the real workflow. Sellers whose evaluated level and rating meet `ProVetting` apply
// with evidence, and the demo's admin verifies their identity and decides against the published criteria: accepted
// where every criterion is met, declined with the unmet criteria as the reason otherwise; one application still waits.
import Vapor
import Fluent
import GuildCore

enum ProDemo {
    static func run(_ demo: DemoContext) async throws {
        guard let admin = demo.members.first, admin.has(.admin) else { return }
        let stats = try await SellerStatsRecord.query(on: demo.db).all()
        func level(_ s: SellerStatsRecord) -> SellerLevel { SellerLevel(rawValue: s.level) ?? .new }
        // The established and top sellers, best record first; and one rising seller who applies too early.
        let senior = stats.filter { level($0) >= .established && $0.id != admin.id }
            .sorted { (level($0), $0.completedOrders) > (level($1), $1.completedOrders) }
        let rising = stats.filter { level($0) == .rising && $0.id != admin.id }.sorted { $0.completedOrders > $1.completedOrders }.first
        let plan: [(SellerStatsRecord, days: Double, links: Int, decide: Bool)] =
            senior.prefix(2).enumerated().map { ($0.element, 20 - Double($0.offset) * 10, 3, true) }
            + (rising.map { [($0, 6, 2, true)] } ?? [])
            + senior.dropFirst(2).prefix(1).map { ($0, 2, 3, false) }
        let progress = demo.progress("pro vetting", total: plan.count)
        for (n, (record, days, links, decide)) in plan.enumerated() {
            guard let seller = try await User.find(record.id, on: demo.db) else { continue }
            let applied = demo.realNow.addingTimeInterval(-days * 86_400)
            let slug = seller.displayName.lowercased().replacingOccurrences(of: " ", with: "-")
            let application = try await ProWorkflow.apply(
                seller: seller,
                qualifications: "\(seller.headline.isEmpty ? "Independent professional" : seller.headline). Trained and working in this field for years; the links show recent work for clients.",
                portfolioLinks: (1...links).map { "https://portfolio.example/\(slug)/project-\($0)" }, now: applied, on: demo.db)
            if decide {
                _ = try await ProWorkflow.verifyIdentity(application.id, by: admin, now: applied.addingTimeInterval(20 * 3_600), on: demo.db)
                guard let current = try await ProApplicationRecord.find(application.id, on: demo.db) else { continue }
                let unmet = ProWorkflow.checks(current, stats: try await SellerStatsRecord.find(record.id, on: demo.db)).filter { !$0.met }
                let reason = unmet.isEmpty
                    ? "Every published criterion is met: the level, the rating, the portfolio and a verified identity. Welcome to Pro."
                    : "Not yet: " + unmet.map { "\($0.label.lowercased()) (\($0.detail))" }.joined(separator: "; ") + ". You are welcome to apply again once these are met."
                _ = try await ProWorkflow.decide(application.id, by: admin, accept: unmet.isEmpty, reason: reason,
                                                 now: applied.addingTimeInterval(22 * 3_600), on: demo.db)
            }
            progress.show(n + 1)
        }
        progress.finish()
    }
}
