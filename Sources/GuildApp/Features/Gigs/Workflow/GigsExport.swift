// The gigs area's part of a member's data export: every gig they offer or offered (deleted ones too).
import Vapor
import Fluent

extension GigsFeature {
    func export(_ context: ExportContext) async throws -> [ExportFile] {
        let gigs = try await Gig.query(on: context.db).withDeleted().filter(\.$seller.$id == context.memberID).sort(\.$createdAt).all()
        return try ExportFile.records("gigs", "Your gigs with their packages, including paused, drafted and deleted ones", gigs)
    }
}
