// Each instance's copy of the search index (`SearchEngine`), kept in step with the database through `search_changes`.
// Before a search answers, it reads the feed's last number: when the index has seen it, the search runs on the published
// index at once; otherwise one task at a time applies the changes after the index's number (or loads everything anew
// when it is far behind) and publishes the result. So every write committed before a search began is in what it reads,
// on any instance, and searches never wait for one another.
import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import GuildCore

final class SearchReplica: Sendable {
    struct Published: Sendable {
        var engine: SearchEngine
        /// The last change in `search_changes` the engine holds.
        var seq: Int64
    }

    /// An index this far behind the feed is loaded anew rather than caught up change by change.
    static let reloadAfter: Int64 = 50_000
    /// The feed keeps at least this many of its last changes (`prune`), more than `reloadAfter`.
    static let keepChanges: Int64 = 100_000
    /// Ids per `IN (…)` when loading changed rows.
    static let batch = 500

    private let published = NIOLockedValueBox<Published?>(nil)
    private let updater = Updater()
    /// How many times this instance loaded the whole index (each load is also logged).
    let loads = NIOLockedValueBox<Int>(0)
    /// How many times a load in the background put the index back in order (see `reorderIfDrifted`).
    let reorders = NIOLockedValueBox<Int>(0)
    /// Whether a re-load in order is running, and when the last one ended and how long it took.
    private let reordering = NIOLockedValueBox<(busy: Bool, last: Date?, took: TimeInterval)>((false, nil, 0))

    /// The index with every change committed before this call, scored with `weights` on `day` (the ranking day).
    func current(on db: any Database, weights: RankingWeights, day: Date) async throws -> SearchEngine {
        try await current(on: db, weights: weights, day: day, eventLoop: db.eventLoop).get()
    }

    /// The same as a future on `eventLoop`: when the index is current (nearly always), the answer comes back on the
    /// event loop with no task started, so a search costs one trip to the database and back.
    func current(on db: any Database, weights: RankingWeights, day: Date, eventLoop: any EventLoop) -> EventLoopFuture<SearchEngine> {
        feedHead.read(on: db, eventLoop: eventLoop).flatMap { head in
            if let p = self.published.withLockedValue({ $0 }), p.seq >= head, p.engine.weights == weights, p.engine.preparedDay == day {
                return eventLoop.makeSucceededFuture(p.engine)
            }
            return eventLoop.makeFutureWithTask { try await self.updater.catchUp(self, to: head, weights: weights, day: day, on: db) }
        }
    }

    private let feedHead = FeedHead()

    /// The feed's last number for many searches at once: a search joins the next read of it that starts after the
    /// search arrived (so every write committed before the search is counted), and one read answers every search
    /// waiting for it. Under load that is one small query per batch of searches instead of one per search.
    final class FeedHead: @unchecked Sendable {
        private let lock = NIOLock()
        private var reading = false
        private var waiting: [EventLoopPromise<Int64>] = []

        func read(on db: any Database, eventLoop: any EventLoop) -> EventLoopFuture<Int64> {
            let promise = eventLoop.makePromise(of: Int64.self)
            let start = lock.withLock {
                waiting.append(promise)
                if reading { return false }
                reading = true
                return true
            }
            if start { readForWaiters(on: db) }
            return promise.futureResult
        }

        private func readForWaiters(on db: any Database) {
            // Everyone in this batch arrived before the read below starts.
            let batch = lock.withLock {
                let batch = waiting
                waiting = []
                if batch.isEmpty { reading = false }
                return batch
            }
            if batch.isEmpty { return }
            SearchReplica.head(on: db).whenComplete { result in
                for p in batch { p.completeWith(result) }
                self.readForWaiters(on: db)
            }
        }
    }

    fileprivate func read() -> Published? { published.withLockedValue { $0 } }
    fileprivate func publish(_ p: Published) { published.withLockedValue { $0 = p } }

    /// The feed's last number (0 when empty).
    static func head(on db: any Database) async throws -> Int64 {
        try await head(on: db).get()
    }

    static func head(on db: any Database) -> EventLoopFuture<Int64> {
        db.sql.raw("SELECT MAX(seq) AS seq FROM search_changes").first().flatMapThrowing { (row: (any SQLRow)?) in
            try row?.decode(column: "seq", as: Int64?.self) ?? 0
        }
    }

    /// Drops all but the last `keepChanges` changes; an index further behind than that loads anew anyway.
    static func prune(on db: any Database) async throws -> Int {
        let head = try await head(on: db)
        guard head > keepChanges else { return 0 }
        let old = try await db.sql.raw("SELECT COUNT(*) AS n FROM search_changes WHERE seq <= \(bind: head - keepChanges)").first()
        let n = try old?.decode(column: "n", as: Int.self) ?? 0
        if n > 0 { try await db.sql.raw("DELETE FROM search_changes WHERE seq <= \(bind: head - keepChanges)").run() }
        return n
    }

    /// One catch-up at a time. An actor alone does not give that: its method is suspended at every database read, and
    /// another search would enter and start a second load (a server restarted under traffic loaded the whole index once
    /// per search arriving during the first load). So the work runs in one task at a time; a search that arrives while
    /// it runs waits for it, then returns at once when that left the index current enough for it, or starts the next.
    private actor Updater {
        /// The catch-up or adoption running (nil when an adoption was given up).
        private var running: Task<SearchEngine?, any Error>?

        func catchUp(_ replica: SearchReplica, to head: Int64, weights: RankingWeights, day: Date, on db: any Database) async throws -> SearchEngine {
            while true {
                if let p = replica.read(), p.seq >= head, p.engine.weights == weights, p.engine.preparedDay == day { return p.engine }
                guard let other = running else { break }
                _ = try? await other.value
                if running == other { running = nil }
            }
            // On the thread pool: a full load holds its thread for long stretches (`ThreadPoolTaskExecutor`).
            let task = Task<SearchEngine?, any Error> {
                try await ThreadPoolTaskExecutor.run { try await Self.update(replica, to: head, weights: weights, day: day, on: db) }
            }
            running = task
            defer { if running == task { running = nil } }
            return try await task.value!  // a catch-up always ends with an index
        }

        private static func update(_ replica: SearchReplica, to head: Int64, weights: RankingWeights, day: Date, on db: any Database) async throws -> SearchEngine {
            var next: Published
            if let p = replica.read(), p.seq >= head {
                next = p  // only the weights or the day moved
            } else if let p = replica.read(), head - p.seq <= SearchReplica.reloadAfter,
               try await SearchReplica.oldest(on: db).map({ $0 <= p.seq + 1 }) ?? true {
                next = p
                next.seq = try await SearchReplica.apply(after: p.seq, to: &next.engine, on: db)
            } else {
                next = try await SearchReplica.load(on: db, weights: weights, day: day)
                replica.loads.withLockedValue { $0 += 1 }
            }
            next.engine.use(weights: weights)
            next.engine.prepare(day: day)
            next.engine.prepareForSearch()
            replica.publish(next)
            replica.reorderIfDrifted(next.engine, on: db)
            return next.engine
        }

        /// Publishes an index loaded in the background once it has every change the published one has: one task at a
        /// time, as catch-ups are.
        func adopt(_ replica: SearchReplica, _ fresh: Published, on db: any Database) async throws -> Bool {
            while let other = running {
                _ = try? await other.value
                if running == other { running = nil }
            }
            let task = Task { () async throws -> SearchEngine? in try await ThreadPoolTaskExecutor.run {
                // the changes since it was loaded must still be in the feed
                guard try await SearchReplica.oldest(on: db).map({ $0 <= fresh.seq + 1 }) ?? true else { return nil }
                var next = fresh
                next.seq = try await SearchReplica.apply(after: fresh.seq, to: &next.engine, on: db)
                if let current = replica.read() {
                    guard next.seq >= current.seq else { return nil }
                    next.engine.use(weights: current.engine.weights)
                    if let day = current.engine.preparedDay { next.engine.prepare(day: day) }
                }
                next.engine.prepareForSearch()
                replica.publish(next)
                return next.engine
            } }
            running = task
            defer { if running == task { running = nil } }
            return try await task.value != nil
        }
    }

    /// Gigs added after a load go to the unordered tail that every relevance scan reads in full, and a seller whose
    /// standing rose loosens the bound for every list, so the early stop fades on a long-running server. Once the engine
    /// says it has drifted (`SearchEngine.hasDrifted`), the whole index is loaded again in the background, in order,
    /// while searches go on with the published one;
    /// it is published after the changes made meanwhile are applied to it. Re-loads are spaced by at least twenty times
    /// the last one's length (and a minute), so they cost at most a twentieth of one core however fast standings move.
    func reorderIfDrifted(_ engine: SearchEngine, on db: any Database) {
        guard engine.hasDrifted else { return }
        let weights = engine.weights
        guard let day = engine.preparedDay else { return }
        let now = Date()
        guard reordering.withLockedValue({ r in
            if r.busy { return false }
            if let last = r.last, now.timeIntervalSince(last) < max(60, 20 * r.took) { return false }
            r.busy = true
            return true
        }) else { return }
        Task.detached { [self] in try await ThreadPoolTaskExecutor.run {
            defer { self.reordering.withLockedValue { $0 = (false, Date(), Date().timeIntervalSince(now)) } }
            do {
                let fresh = try await SearchReplica.load(on: db, weights: weights, day: day)
                if try await self.updater.adopt(self, fresh, on: db) { self.reorders.withLockedValue { $0 += 1 } }
            } catch {
                db.logger.warning("search index: loading it again in order failed (the published one stays): \(error)")
            }
        } }
    }

    static func oldest(on db: any Database) async throws -> Int64? {
        let row = try await db.sql.raw("SELECT MIN(seq) AS seq FROM search_changes").first()
        return try row?.decode(column: "seq", as: Int64?.self)
    }

    // MARK: - Reading the database

    static let listed = "g.status = 'published' AND g.deleted_at IS NULL"

    static func sellerColumns(_ kind: DatabaseKind) -> String {
        """
        u.id, u.display_name, u.created_at, COALESCE(s.level, 'new') AS level, COALESCE(s.rating_sum, 0) AS rating_sum,
        COALESCE(s.rating_count, 0) AS rating_count, COALESCE(s.on_time_delivered, 0) AS on_time_delivered,
        COALESCE(s.delivered_total, 0) AS delivered_total, s.median_response_hours,
        COALESCE(s.is_pro, \(kind == .sqlite ? "0" : "false")) AS is_pro
        """
    }

    static let gigColumns = """
        g.id, g.seller_id, g.title, g.tags, g.description, g.category, g.subcategory, g.starting_price_cents,
        g.fastest_delivery_days, g.created_ms
        """

    static func seller(_ row: any SQLRow) throws -> SearchSeller {
        SearchSeller(
            id: try row.decode(column: "id", as: UUID.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            joinedAt: try row.decode(column: "created_at", as: Date?.self),
            level: try row.decode(column: "level", as: String.self),
            ratingSum: try row.decode(column: "rating_sum", as: Int.self),
            ratingCount: try row.decode(column: "rating_count", as: Int.self),
            onTimeDelivered: try row.decode(column: "on_time_delivered", as: Int.self),
            deliveredTotal: try row.decode(column: "delivered_total", as: Int.self),
            medianResponseHours: try row.decode(column: "median_response_hours", as: Double?.self),
            isPro: try row.decode(column: "is_pro", as: Bool.self))
    }

    static func document(_ row: any SQLRow) throws -> SearchDocument {
        SearchDocument(
            id: try row.decode(column: "id", as: UUID.self),
            sellerId: try row.decode(column: "seller_id", as: UUID.self),
            title: try row.decode(column: "title", as: String.self),
            tags: try row.decode(column: "tags", as: [String].self),
            description: try row.decode(column: "description", as: String.self),
            category: try row.decode(column: "category", as: String.self),
            subcategory: try row.decode(column: "subcategory", as: String?.self),
            startingPriceCents: try row.decode(column: "starting_price_cents", as: Int64.self),
            fastestDeliveryDays: try row.decode(column: "fastest_delivery_days", as: Int.self),
            createdMs: try row.decode(column: "created_ms", as: Int64.self))
    }

    /// Every listed gig and its seller, as of the feed's number read first (so nothing committed after is lost: it is
    /// applied again by the next catch-up, which changes nothing when it was already loaded). The sellers' standings are
    /// made for `day` before the gigs go in, best-standing seller first, so relevance scans can stop early.
    static func load(on db: any Database, weights: RankingWeights, day: Date) async throws -> Published {
        let started = Date()
        let seq = try await head(on: db)
        var engine = SearchEngine(weights: weights)
        let sellers = try await db.sql.raw("""
            SELECT \(unsafeRaw: sellerColumns(db.kind)) FROM users u LEFT JOIN seller_stats s ON s.user_id = u.id
            WHERE u.id IN (SELECT g.seller_id FROM gigs g WHERE \(unsafeRaw: listed))
            """).all()
        for row in sellers { engine.upsert(seller: try seller(row)) }
        engine.prepare(day: day)
        let rows = try await db.sql.raw("SELECT \(unsafeRaw: gigColumns) FROM gigs g WHERE \(unsafeRaw: listed)").all()
        var gigs: [SearchDocument] = []
        gigs.reserveCapacity(rows.count)
        for row in rows {
            let d = try document(row)
            if engine.seller(d.sellerId) == nil { continue }  // its seller is gone: not listed in practice
            gigs.append(d)
        }
        engine.upsert(gigs: gigs)
        engine.prepareForSearch()
        db.logger.notice("search index loaded: \(engine.figures.listedGigs) gigs of \(engine.figures.sellers) sellers in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        return Published(engine: engine, seq: seq)
    }

    /// The gigs and sellers the feed's changes after `seq` name, and the last change's number (`seq` when none).
    static func changes(after seq: Int64, on db: any Database) async throws -> (gigs: Set<UUID>, sellers: Set<UUID>, last: Int64) {
        let rows = try await db.sql.raw("SELECT seq, gig_id, seller_id FROM search_changes WHERE seq > \(bind: seq) ORDER BY seq").all()
        var gigs = Set<UUID>(), sellers = Set<UUID>(), last = seq
        for row in rows {
            last = max(last, try row.decode(column: "seq", as: Int64.self))
            if let gig = try row.decode(column: "gig_id", as: UUID?.self) { gigs.insert(gig) }
            if let seller = try row.decode(column: "seller_id", as: UUID?.self) { sellers.insert(seller) }
        }
        return (gigs, sellers, last)
    }

    /// Applies every change after `seq` and returns the last number applied.
    static func apply(after seq: Int64, to engine: inout SearchEngine, on db: any Database) async throws -> Int64 {
        var (gigIDs, sellerIDs, last) = try await changes(after: seq, on: db)
        guard last > seq else { return seq }
        // Changed gigs: listed ones are (re)indexed, the others taken out.
        var documents: [SearchDocument] = []
        for chunk in Array(gigIDs).chunked(batch) {
            var query: SQLQueryString = "SELECT \(unsafeRaw: gigColumns) FROM gigs g WHERE \(unsafeRaw: listed) AND g.id IN ("
            query += chunk.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
            query += ")"
            for row in try await db.sql.raw(query).all() { documents.append(try document(row)) }
        }
        // Sellers whose record changed, and the sellers of gigs the index does not know yet.
        for d in documents where engine.seller(d.sellerId) == nil { sellerIDs.insert(d.sellerId) }
        // A seller the index never held and with no gig in it is read only when a gig of theirs arrives.
        let arriving = Set(documents.map(\.sellerId))
        let wanted = sellerIDs.filter { id in engine.seller(id) != nil || arriving.contains(id) }
        for chunk in Array(wanted).chunked(batch) {
            var query: SQLQueryString = "SELECT \(unsafeRaw: sellerColumns(db.kind)) FROM users u LEFT JOIN seller_stats s ON s.user_id = u.id WHERE u.id IN ("
            query += chunk.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
            query += ")"
            for row in try await db.sql.raw(query).all() { engine.upsert(seller: try seller(row)) }
        }
        let listedNow = Set(documents.map(\.id))
        for id in gigIDs where !listedNow.contains(id) { engine.remove(gig: id) }
        for d in documents where engine.seller(d.sellerId) != nil { engine.upsert(gig: d) }
        return last
    }
}

extension Application {
    private struct SearchReplicaKey: StorageKey { typealias Value = SearchReplica }
    /// This instance's search index (made at boot, loaded at the first search).
    var searchReplica: SearchReplica {
        if let replica = storage[SearchReplicaKey.self] { return replica }
        let replica = SearchReplica()
        storage[SearchReplicaKey.self] = replica
        return replica
    }
}
