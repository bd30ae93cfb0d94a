// /admin/pro: admins vet Pro applications (each criterion met or not from the seller's record, identity verified as a
// step), decide with a reason, and remove Pro status with a reason under notice. Others get a 404.
import Vapor
import Fluent
import GuildCore

struct ProQueuePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let member = routes.grouped(RequireMemberPage())
        member.get("admin", "pro", use: show)
        member.post("admin", "pro", "applications", ":applicationID", "identity", use: verifyIdentity)
        member.post("admin", "pro", "applications", ":applicationID", "decision", use: decide)
        member.post("admin", "pro", "users", ":userID", "removal", use: startRemoval)
        member.post("admin", "pro", "removals", ":removalID", "cancellation", use: cancelRemoval)
    }

    private func requireAdmin(_ req: Request) throws -> User {
        let user = try req.member()
        guard user.has(.admin) else { throw APIError.notFound("That page") }
        return user
    }

    func show(req: Request) async throws -> Response {
        _ = try requireAdmin(req)
        let applications = try await ProWorkflow.applications(on: req.db)
        let removals = try await ProWorkflow.removals(on: req.db)
        let proStats = try await SellerStatsRecord.query(on: req.db).filter(\.$isPro == true).limit(500).all()
        let sellerIDs = Array(Set(applications.map(\.sellerID) + removals.map(\.sellerID) + proStats.compactMap(\.id)))
        let stats = sellerIDs.isEmpty ? [] : try await SellerStatsRecord.query(on: req.db).filter(\.$id ~~ sellerIDs).all()
        let users = sellerIDs.isEmpty ? [] : try await User.query(on: req.db).filter(\.$id ~~ sellerIDs).all()
        let model = Model(applications: applications, removals: removals, proSellers: proStats.compactMap(\.id), stats: stats, users: users)
        return try await req.render("pro/queue", title: "Pro vetting", model, form: true)
    }

    func verifyIdentity(req: Request) async throws -> Response {
        let admin = try requireAdmin(req)
        do {
            _ = try await ProWorkflow.verifyIdentity(req.parameters.get("applicationID", as: UUID.self), by: admin, now: req.application.clock.now(), on: req.db)
            req.flash("Identity recorded as verified.")
        } catch let e as ConflictError { req.flash(e.message) }
        return req.redirect(to: "/admin/pro")
    }

    struct DecisionForm: Content { var decision: String?; var reason: String? }

    func decide(req: Request) async throws -> Response {
        let admin = try requireAdmin(req)
        let form = try req.content.decode(DecisionForm.self)
        let accept: Bool? = form.decision == "accept" ? true : form.decision == "decline" ? false : nil
        do {
            let decided = try await ProWorkflow.decide(req.parameters.get("applicationID", as: UUID.self), by: admin, accept: accept,
                                                       reason: form.reason, now: req.application.clock.now(), on: req.db)
            req.flash(decided.applicationState == .accepted ? "Accepted: the seller is now Pro." : "Declined. The seller reads your reason.")
        } catch let e as ValidationError {
            req.flash("The decision was not recorded: the \(e.field) \(e.reason).")
        } catch let e as ConflictError {
            req.flash("The decision was not recorded: \(e.message).")
        }
        return req.redirect(to: "/admin/pro")
    }

    struct ReasonForm: Content { var reason: String? }

    func startRemoval(req: Request) async throws -> Response {
        let admin = try requireAdmin(req)
        let form = try req.content.decode(ReasonForm.self)
        do {
            _ = try await ProWorkflow.startRemoval(seller: req.parameters.get("userID", as: UUID.self), by: admin, reason: form.reason,
                                                   now: req.application.clock.now(), on: req.db)
            req.flash("Notice given. The seller stays Pro for \(ProRules.removalNoticeDays) days and may answer.")
        } catch let e as ValidationError {
            req.flash("No notice was given: the \(e.field) \(e.reason).")
        } catch let e as ConflictError {
            req.flash("No notice was given: \(e.message).")
        }
        return req.redirect(to: "/admin/pro")
    }

    func cancelRemoval(req: Request) async throws -> Response {
        let admin = try requireAdmin(req)
        let form = try req.content.decode(ReasonForm.self)
        do {
            _ = try await ProWorkflow.cancelRemoval(req.parameters.get("removalID", as: UUID.self), by: admin, reason: form.reason,
                                                    now: req.application.clock.now(), on: req.db)
            req.flash("Removal cancelled: the seller stays Pro.")
        } catch let e as ValidationError {
            req.flash("Not cancelled: the \(e.field) \(e.reason).")
        } catch let e as ConflictError {
            req.flash("Not cancelled: \(e.message).")
        }
        return req.redirect(to: "/admin/pro")
    }
}
