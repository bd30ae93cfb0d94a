// TIARA plans: every question says what it is for; coverage grows with the length; each seniority gets its own plan.
import Foundation
import Testing
@testable import GuildCore

@Suite("TIARA plans")
struct TiaraPlanTests {
    typealias F = InterviewFixtures

    static let lengths = Array(InterviewLength.allowedMinutes)
    static let research: [[ResearchFinding]] = [F.allKinds + [F.shared], [], [F.trend], [F.salary, F.culture]]

    @Test("every plan of 15 minutes or more ends with a resources question", arguments: Seniority.allCases)
    func endsWithResources(seniority: Seniority) {
        for minutes in Self.lengths where minutes >= QuestionPlanner.closingResourcesMinutes {
            for findings in Self.research {
                // given any research and any length Guild allows
                let plan = QuestionPlanner.plan(findings: findings, contact: F.contact(seniority: seniority), minutes: minutes)
                // then the last question asks who else to talk to, and the plan still fits the time
                #expect(plan.questions.last?.tiara == .resources, "\(seniority) \(minutes) min")
                #expect(plan.questions.last?.text.contains("Who else") == true)
                #expect(plan.questions.count == QuestionPlanner.questionCount(minutes: minutes))
                #expect(plan.questions.first?.tiara == .rapport)
            }
        }
    }

    @Test("a plan of 25 minutes or more covers trends, insights, advice and resources", arguments: Seniority.allCases)
    func longPlansCoverEveryPurpose(seniority: Seniority) {
        for minutes in Self.lengths where minutes >= QuestionPlanner.fullTiaraMinutes {
            for findings in Self.research {
                // given a long conversation, with rich, thin or no research
                let plan = QuestionPlanner.plan(findings: findings, contact: F.contact(seniority: seniority), minutes: minutes)
                let purposes = Set(plan.questions.map(\.tiara))
                // then each of the four purposes is asked at least once
                for needed in [Tiara.trends, .insights, .advice, .resources] {
                    #expect(purposes.contains(needed), "\(seniority) \(minutes) min, \(findings.count) findings: no \(needed)")
                }
                #expect(Set(plan.questions.map(\.id)).count == plan.questions.count)
            }
        }
    }

    @Test("a 15-minute plan need not cover every purpose, but its purposes are stated")
    func shortPlanPurposes() {
        // given a 15-minute plan with no research
        let plan = QuestionPlanner.plan(findings: [], contact: F.contact(), minutes: 15)
        // then it is short, and every question carries its purpose
        #expect(plan.questions.count == 5)
        #expect(plan.questions.map(\.tiara).first == .rapport)
        #expect(plan.questions.map(\.tiara).last == .resources)
    }

    @Test("junior, mid, senior and executive plans differ at every length")
    func senioritiesDiffer() {
        for minutes in Self.lengths {
            // given the same research and length
            let plans = Seniority.allCases.map {
                QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(seniority: $0), minutes: minutes).questions.map(\.id)
            }
            // then no two seniorities get the same plan
            #expect(Set(plans.map { $0.joined(separator: ",") }).count == Seniority.allCases.count, "\(minutes) min")
        }
        // and each level's own questions are there
        let ids = { (s: Seniority) in QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(seniority: s), minutes: 20).questions.map(\.id) }
        #expect(ids(.junior).contains("junior.getting_in"))
        #expect(ids(.mid).contains("mid.skills_next"))
        #expect(ids(.senior).contains("strategy.direction"))
        #expect(ids(.executive).first == "rapport.turning_points")
        #expect(!ids(.junior).contains("mid.skills_next"))
    }

    @Test("the competitiveness question uses the explorer's own background")
    func backgroundFromProfile() throws {
        // given an explorer whose profile says what they did before
        let background = "Ten years managing a retail store, now studying data analysis"
        // when planning
        let plan = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(), minutes: 20, background: background)
        // then the question quotes it, and no plan says "a background like mine"
        let question = try #require(plan.questions.first { $0.id == "career.competitiveness" })
        #expect(question.text.contains("Ten years managing a retail store, now studying data analysis"))
        #expect(question.tiara == .advice)
        let without = QuestionPlanner.plan(findings: F.allKinds, contact: F.contact(), minutes: 20)
        #expect(!(plan.questions + without.questions).contains { $0.text.contains("like mine") })
    }

    @Test("findings carry the purpose of their kind")
    func findingPurposes() {
        #expect(QuestionPlanner.question(for: F.trend).tiara == .trends)
        #expect(QuestionPlanner.question(for: F.competitor).tiara == .trends)
        #expect(QuestionPlanner.question(for: F.challenge).tiara == .insights)
        #expect(QuestionPlanner.question(for: F.salary).tiara == .insights)
    }

    @Test("a plan saved before questions had a purpose still reads, each question by its kind")
    func oldPlansDecode() throws {
        // given a plan as stored before TIARA
        let json = #"{"minutes":20,"questions":[{"id":"rapport.started","kind":"rapport","text":"How?"},{"id":"x","kind":"career","text":"Pay?"}]}"#
        // when reading it
        let plan = try JSONDecoder().decode(QuestionPlan.self, from: Data(json.utf8))
        // then each question has the purpose its kind suggests, and the purpose is written back
        #expect(plan.questions.map(\.tiara) == [.rapport, .advice])
        let again = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(again.contains("\"tiara\":\"rapport\""))
    }
}
