// The gig page as anyone but its seller sees it, kept by each instance so that a page view reads no gig, seller or
// record from the database and, for a visitor without a session, renders nothing.
//
// What an entry holds is the same for every such viewer: the page's own content (`GigPage.Model` with no seller controls)
// and, once a visitor without a session has asked, the whole page as rendered for them (no member in the header, no CSRF
// token, no flash: there is no session to hold one). Anything that belongs to one viewer (the header of a signed-in member,
// a session's CSRF token or flash, the seller's own controls) is rendered per request and never kept.
//
// An entry stays only as long as nothing it shows has changed. Every write that changes what the page shows adds a row to
// `search_changes` (triggers: the gig's text, status, packages and deletion; the seller's name, headline and record, i.e.
// level, rating and Pro status), on whichever instance it was made. Before a page is served, the feed's last number is
// read (one small query for many page views at once, as `SearchReplica.FeedHead` does for searches); when the cache has not seen it, one task
// reads the changes after its number and drops the gigs and the sellers' gigs they name. So a write committed before a
// page view began is on that page, on every instance.
import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers

final class GigPageCache: Sendable {
    /// One gig's page, as of the cache's feed number.
    struct Entry: Sendable {
        var sellerID: UUID
        var isListed: Bool
        var title: String
        /// The page's content for a viewer who is not the seller.
        var model: GigPage.Model
        /// The whole page for a visitor without a session, once rendered.
        var html: ByteBuffer?
        /// Tells this entry from a later one for the same gig.
        var generation: UInt64
    }

    private struct State {
        /// The last feed number whose changes the entries reflect (nil until the first page view).
        var seq: Int64?
        var entries: [UUID: Entry] = [:]
        var bySeller: [UUID: Set<UUID>] = [:]
        var generation: UInt64 = 0

        mutating func drop(_ gig: UUID) {
            guard let old = entries.removeValue(forKey: gig) else { return }
            bySeller[old.sellerID]?.remove(gig)
            if bySeller[old.sellerID]?.isEmpty == true { bySeller[old.sellerID] = nil }
        }

        mutating func dropAll() {
            entries = [:]
            bySeller = [:]
        }
    }

    /// At most this many gigs' pages are kept; a page beyond it takes the place of another.
    static let capacity = 10_000

    private let state = NIOLockedValueBox(State())
    private let feedHead = SearchReplica.FeedHead()  // the same batched read of the feed's number as searches use
    private let updater = Updater()
    /// Page views answered from the cache and pages read from the database, for tests and the curious.
    let counts = NIOLockedValueBox<(hits: Int, reads: Int)>((0, 0))

    /// Completes once the cache holds every change committed before this call. Future-based, as the page's common
    /// path is: a task is started only to catch up.
    func sync(on db: any Database, eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        feedHead.read(on: db, eventLoop: eventLoop).flatMap { head in
            if (self.state.withLockedValue { $0.seq }).map({ $0 >= head }) ?? false { return eventLoop.makeSucceededVoidFuture() }
            return eventLoop.makeFutureWithTask { try await self.updater.catchUp(self, to: head, on: db) }
        }
    }

    /// After `sync`: the whole page kept for a visitor without a session, when the gig is listed and one was rendered.
    func keptHTML(_ id: UUID) -> ByteBuffer? {
        guard let html = state.withLockedValue({ s in s.entries[id].flatMap { $0.isListed ? $0.html : nil } }) else { return nil }
        counts.withLockedValue { $0.hits += 1 }
        return html
    }

    /// After `sync`: the kept page, or the gig read from the database and kept.
    func keptOrRead(_ id: UUID, on db: any Database) async throws -> Entry? {
        let (cached, seq) = state.withLockedValue { ($0.entries[id], $0.seq) }
        if let cached {
            counts.withLockedValue { $0.hits += 1 }
            return cached
        }
        counts.withLockedValue { $0.reads += 1 }
        // The cache has applied every change up to `seq`, each committed before it was read, so what is read now
        // reflects all of them at least.
        guard let gig = try await Gig.find(id, on: db) else { return nil }
        let (seller, stats) = try await GigCatalog.seller(of: gig, on: db)
        var entry = Entry(sellerID: try seller.requireID(), isListed: gig.gigStatus.isListed, title: gig.title,
                          model: try GigPage.Model(gig: gig, seller: seller, stats: stats, viewer: nil), html: nil, generation: 0)
        state.withLockedValue { s in
            // Kept only when no change arrived while it was read: one may have been dropped before it was kept.
            guard let seq, s.seq == seq else { return }
            if s.entries.count >= Self.capacity, let victim = s.entries.keys.first { s.drop(victim) }
            s.generation += 1
            entry.generation = s.generation
            s.entries[id] = entry
            s.bySeller[entry.sellerID, default: []].insert(id)
        }
        return entry
    }

    /// Keeps the page rendered for a visitor without a session, if the entry it was rendered from is still the current one.
    func keep(html: ByteBuffer, for id: UUID, generation: UInt64) {
        state.withLockedValue { s in
            guard generation != 0, s.entries[id]?.generation == generation else { return }
            s.entries[id]?.html = html
        }
    }

    /// The changes after `from`: the gigs they name and the sellers, and the last number; nil when some were already pruned.
    private static func changes(after from: Int64, on db: any Database) async throws -> (gigs: Set<UUID>, sellers: Set<UUID>, last: Int64)? {
        if let oldest = try await SearchReplica.oldest(on: db), oldest > from + 1 { return nil }
        return try await SearchReplica.changes(after: from, on: db)
    }

    /// One catch-up at a time; a page view that finds it done by another goes on at once.
    private actor Updater {
        func catchUp(_ cache: GigPageCache, to head: Int64, on db: any Database) async throws {
            guard let from = cache.state.withLockedValue({ $0.seq }) else {
                // Nothing is kept yet: there is nothing to drop.
                cache.state.withLockedValue { s in if s.seq == nil { s.seq = head } }
                return
            }
            guard from < head else { return }
            if head - from > SearchReplica.reloadAfter {
                cache.state.withLockedValue { s in s.dropAll(); s.seq = head }
                return
            }
            guard let (gigs, sellers, last) = try await GigPageCache.changes(after: from, on: db) else {
                cache.state.withLockedValue { s in s.dropAll(); s.seq = head }
                return
            }
            cache.state.withLockedValue { s in
                for gig in gigs { s.drop(gig) }
                for seller in sellers { for gig in s.bySeller[seller] ?? [] { s.drop(gig) } }
                s.seq = max(s.seq ?? 0, last, head)  // never back: a slower catch-up may finish after a later one
            }
        }
    }
}

extension Application {
    private struct GigPageCacheKey: StorageKey { typealias Value = GigPageCache }
    /// This instance's gig pages (made at boot, filled by page views).
    var gigPageCache: GigPageCache {
        if let cache = storage[GigPageCacheKey.self] { return cache }
        let cache = GigPageCache()
        storage[GigPageCacheKey.self] = cache
        return cache
    }
}
