// Gig writes and reads with their rules: validation by GigRules, status moves by GigStatus, and who may see or change
// what. Search follows on its own: every write here adds a row to `search_changes` (triggers), read by `SearchReplica`.
import Vapor
import Fluent
import GuildCore

enum GigCatalog {
    /// Statuses a new gig may start in: paused is reached only by pausing a published gig.
    static let startingStatuses: [GigStatus] = [.draft, .published]

    static func create(sellerID: UUID, draft: GigDraft, status: GigStatus, on db: any Database) async throws -> Gig {
        let valid = try GigRules.validate(draft)
        guard startingStatuses.contains(status) else {
            throw ValidationErrors([ValidationError(field: "status", reason: "must be draft or published for a new gig")])
        }
        return try await WriteTransaction.run(on: db) { tx in
            let gig = Gig(sellerID: sellerID, draft: valid, status: status)
            try await gig.create(on: tx)
            _ = try await SellerStatsRecord.forSeller(sellerID, on: tx)
            return gig
        }
    }

    /// Applies a patch and/or a status move.
    static func update(_ gig: Gig, patch: GigPatch, status: GigStatus?, on db: any Database) async throws -> Gig {
        let valid = patch.isEmpty ? gig.draft : try GigRules.validate(patch, onto: gig.draft)
        let current = gig.gigStatus
        let nextStatus = (status == nil || status == current) ? current : try current.moved(to: status!)
        let id = try gig.requireID()
        return try await WriteTransaction.run(on: db) { tx in
            guard let fresh = try await Gig.find(id, on: tx) else { throw APIError.notFound("That gig") }
            fresh.apply(valid)
            fresh.status = nextStatus.rawValue
            try await fresh.save(on: tx)
            return fresh
        }
    }

    /// A soft delete: the row stays for orders that point at it; searches stop finding it at once.
    static func delete(_ gig: Gig, on db: any Database) async throws {
        let id = try gig.requireID()
        try await WriteTransaction.run(on: db) { tx in
            guard let fresh = try await Gig.find(id, on: tx) else { return }
            try await fresh.delete(on: tx)
            fresh.deletedAt = fresh.deletedAt ?? Date()
        }
    }

    /// A gig the viewer may see: listed gigs for everyone, drafts and paused gigs only for their seller.
    /// Anything else is "not found", so nobody learns that a hidden gig exists.
    static func visible(_ idString: String?, to viewer: UUID?, on db: any Database) async throws -> Gig {
        guard let idString, let id = UUID(uuidString: idString), let gig = try await Gig.find(id, on: db) else {
            throw APIError.notFound("That gig")
        }
        guard gig.gigStatus.isListed || gig.$seller.id == viewer else { throw APIError.notFound("That gig") }
        return gig
    }

    /// The gig's seller and their track record (none yet for a seller who never sold).
    static func seller(of gig: Gig, on db: any Database) async throws -> (User, SellerStatsRecord?) {
        let seller = try await gig.$seller.get(on: db)
        return (seller, try await SellerStatsRecord.find(seller.id, on: db))
    }

    /// A gig that can be ordered now: published. Drafts, paused and deleted gigs are "not found" to a buyer.
    static func orderable(_ idString: String?, on db: any Database) async throws -> Gig {
        guard let idString, let id = UUID(uuidString: idString), let gig = try await Gig.find(id, on: db),
              gig.gigStatus == .published else {
            throw APIError.notFound("That gig")
        }
        return gig
    }

    /// A gig the member may change: only its seller.
    static func owned(_ idString: String?, by member: UUID, on db: any Database) async throws -> Gig {
        let gig = try await visible(idString, to: member, on: db)
        guard gig.$seller.id == member else { throw APIError.forbidden("Only the gig's seller can change or delete it") }
        return gig
    }

    /// The seller's gigs for their showroom: listed ones for visitors, all of them for the seller.
    static func showroom(of sellerID: UUID, viewer: UUID?, on db: any Database) async throws -> [Gig] {
        var query = Gig.query(on: db).filter(\.$seller.$id == sellerID)
        if viewer != sellerID { query = query.filter(\.$status == GigStatus.published.rawValue) }
        return try await query.sort(\.$createdAt, .descending).limit(200).all()
    }
}
