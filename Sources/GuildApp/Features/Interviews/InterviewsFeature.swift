// Informational interviews: research → contacts → request → plan → conversation → thank-you → follow-ups.
import Vapor
import Fluent

struct InterviewsFeature: Feature {
    var migrations: [any Migration] {
        [CreateInterviewTargets(), CreateInterviewFindings(), CreateInterviewContacts(), CreateInterviews()]
    }

    var models: [any Model.Type] { [ResearchTargetRecord.self, FindingRecord.self, ContactRecord.self, InterviewRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: InterviewsAPIController())
        try pages.register(collection: InterviewsPages())
    }

    func demo(_ demo: DemoContext) async throws {
        try await InterviewsDemo.run(demo)
    }
}
