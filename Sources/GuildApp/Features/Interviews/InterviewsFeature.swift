// Informational interviews: research → contacts → request → plan → conversation → thank-you → follow-ups.
import Vapor
import Fluent

struct InterviewsFeature: Feature {
    var migrations: [any Migration] {
        [CreateInterviewTargets(), CreateInterviewFindings(), CreateInterviewContacts(), CreateInterviews(),
         AddLampToInterviewTargets(), AddVerdictsToInterviewFindings(), CreateInterviewSources()]
    }

    var models: [any Model.Type] { [ResearchTargetRecord.self, FindingRecord.self, ContactRecord.self, InterviewRecord.self,
                                        ResearchSourceRecord.self] }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: InterviewsAPIController())
        for page: any RouteCollection in [DashboardPage(), TargetPage(), ContactsPage(), ContactPage(), InterviewPage(), PlanPage(),
                                          ConversationPage(), ThankYouPage(), FollowUpPage(), SourcesPage(), IncomingPage(), RulesPage()] {
            try pages.register(collection: page)
        }
    }

    func demo(_ demo: DemoContext) async throws {
        try await InterviewsDemo.run(demo)
    }
}
