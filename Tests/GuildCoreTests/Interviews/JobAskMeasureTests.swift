// Measures the job-ask check on the labelled set and prints recall and false-alarm rate.
import Foundation
import Testing
@testable import GuildCore

@Suite("Job-ask check, measured")
struct JobAskMeasureTests {
    /// The contact's organisation in the set's sentences that name one.
    static let organisation = "Nimbus Labs"

    @Test("the labelled set is large and varied enough to measure on")
    func setIsLargeEnough() {
        // given the labelled set
        let asks = JobAskLabelledSet.asks, questions = JobAskLabelledSet.questions
        // then it holds at least 150 of each, without repeats, in both spellings and with the usual material words
        #expect(asks.count >= 150)
        #expect(questions.count >= 150)
        #expect(Set(asks).count == asks.count)
        #expect(Set(questions).count == questions.count)
        #expect(Set(asks).isDisjoint(with: Set(questions)))
        let all = (asks + questions).joined(separator: " ").lowercased()
        for word in ["organisation", "organization", "programme", "program", "cv", "resume", "résumé", "portfolio", "linkedin"] {
            #expect(all.contains(word), "the set never says \(word)")
        }
    }

    @Test("recall and false-alarm rate on the labelled set")
    func measure() {
        // given the labelled asks and legitimate questions
        // when each is checked
        let missed = JobAskLabelledSet.asks.filter { JobRequestDetector.matches(in: $0, organisation: Self.organisation).isEmpty }
        let alarms = JobAskLabelledSet.questions.filter { !JobRequestDetector.matches(in: $0, organisation: Self.organisation).isEmpty }
        let recall = Double(JobAskLabelledSet.asks.count - missed.count) / Double(JobAskLabelledSet.asks.count)
        let falseAlarms = Double(alarms.count) / Double(JobAskLabelledSet.questions.count)
        print("job-ask check: recall \(String(format: "%.1f", recall * 100))% (\(JobAskLabelledSet.asks.count - missed.count) of \(JobAskLabelledSet.asks.count) asks), "
              + "false alarms \(String(format: "%.1f", falseAlarms * 100))% (\(alarms.count) of \(JobAskLabelledSet.questions.count) legitimate questions)")
        for s in missed { print("  missed: \(s)") }
        for s in alarms { print("  false alarm: \(s)") }
        // then it reaches the targets: at least 95% of asks caught, at most 3% of questions flagged
        #expect(recall >= 0.95, "missed: \(missed)")
        #expect(falseAlarms <= 0.03, "false alarms: \(alarms)")
    }

    @Test("every published example behaves as the rules page says", arguments: JobRequestDetector.rules)
    func publishedExamples(rule: JobRequestRule) {
        // given a rule's published examples
        // then each flagged example is caught by that rule, and each counter-example is left alone
        for sentence in rule.flagged {
            #expect(JobRequestDetector.matches(in: sentence).first?.ruleCode == rule.code, "\(rule.code): \(sentence)")
        }
        for sentence in rule.notFlagged {
            #expect(JobRequestDetector.matches(in: sentence).isEmpty, "\(rule.code) flags its own counter-example: \(sentence)")
        }
        #expect(!rule.flagged.isEmpty && !rule.notFlagged.isEmpty)
    }

    @Test("the contact's organisation by name counts as theirs")
    func organisationByName() {
        // given a sentence naming the organisation instead of saying "your company"
        let sentence = "Are there any vacancies at Nimbus Labs for a junior researcher?"
        // then it is an ask when that is the contact's organisation, and a question about the field otherwise
        #expect(JobRequestDetector.matches(in: sentence, organisation: "Nimbus Labs").first?.ruleCode == "asks_for_openings")
        #expect(JobRequestDetector.matches(in: sentence, organisation: "Cobalt Studio").isEmpty)
    }
}
