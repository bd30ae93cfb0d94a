// Tests for the detector that keeps job requests out of informational-interview drafts.
import Testing
@testable import GuildCore

@Suite("Job request detector")
struct JobRequestDetectorTests {
    static let jobRequests = [
        "Are you hiring?",
        "Could you pass my CV to HR?",
        "I'd love to be considered for any openings.",
        "Do you know of any vacancies?",
        "Is your team hiring at the moment?",
        "Do you have any open positions for a junior designer?",
        "Could you hire me?",
        "I would like to apply for a job at your company.",
        "Would you be willing to review my resume?",
        "Could you take a look at my CV?",
        "Can you refer me to your recruiter?",
        "Would you introduce me to the hiring manager?",
        "Could you put me in touch with HR?",
        "Is there any chance of an internship at your firm?",
        "Could you offer me an internship this summer?",
        "Please keep me in mind if a position opens up.",
        "Let me know if anything opens up on your team.",
        "I am looking for a job at your company.",
        "I\u{2019}d love to work for you.",
        "I have attached my résumé for your consideration.",
        "Could you help me get a job in your department?",
        "Would you put in a good word for me?",
        "If you hear of any openings, please let me know.",
        "How can I apply to your company?",
        "Any chance you could forward my resume to the recruiting team?",
        "I'm hoping to be hired by your agency.",
        "Do you have any internships available?",
        "If an opening came up, would you recommend me for it?",
        "Who does the hiring on your team?",
        "Is there room for me on your team?",
        "Would you consider me for a role?",
        "Can I send you my CV?",
        "I would love to join your team.",
        "ARE YOU CURRENTLY RECRUITING?",
    ]

    static let ordinarySentences = [
        "What is a typical day in this job like?",
        "How did you get your first job in design?",
        "I read about the trends shaping jobs in logistics.",
        "How did you get hired at your first agency?",
        "What skills are most critical for this role?",
        "How does hiring usually work in this industry?",
        "What do recruiters look for in a portfolio?",
        "How competitive is my background for this kind of work?",
        "What would I need to do to improve my chances?",
        "Is the salary range of 50,000 to 70,000 accurate for this position?",
        "What does your career path look like from intern to director?",
        "Do you see any openings in the market for new products?",
        "How many positions does a typical team have?",
        "Is the job market for designers growing?",
        "What do you wish you had known when you took this job?",
        "Could you tell me about the culture of your team?",
        "Could you refer me to any articles or reports on this trend?",
        "Who else would you suggest I talk to?",
        "I'd love to hear how you got into this work.",
        "What is it like working at your company?",
        "Did you do an internship before your first role?",
        "Are there any jobs in this field that require a lot of travel?",
        "Which roles are growing fastest in this industry?",
        "How did you apply for your first job?",
        "I am exploring careers in logistics and would value your view.",
    ]

    @Test("every rule pattern compiles")
    func patternsCompile() {
        // given the published rules
        // when compiling each pattern
        let broken = JobRequestDetector.uncompilablePatterns()
        // then none fails
        #expect(broken.isEmpty, "broken patterns: \(broken)")
        #expect(JobRequestDetector.rules.count >= 5)
    }

    @Test("flags sentences that ask for a job", arguments: jobRequests)
    func flagsJobRequests(sentence: String) {
        // given a sentence asking for a job
        // when checking it
        let matches = JobRequestDetector.matches(in: sentence)
        // then it is flagged once
        #expect(matches.count == 1, "not flagged: \(sentence)")
    }

    @Test("leaves ordinary sentences about jobs alone", arguments: ordinarySentences)
    func ignoresOrdinarySentences(sentence: String) {
        // given an ordinary question about work
        // when checking it
        let matches = JobRequestDetector.matches(in: sentence)
        // then nothing is flagged
        #expect(matches.isEmpty, "wrongly flagged: \(sentence) by \(matches.map(\.ruleCode))")
    }

    @Test("finds the one offending sentence inside a longer text")
    func findsSentenceInText() throws {
        // given a draft with one job request among ordinary sentences
        let text = """
        Dear Ms. Okafor,
        What is a typical day in this job like? I read about the trends shaping jobs in logistics.
        Also, are you hiring? I am available on weekday afternoons.
        """
        // when checking it
        let matches = JobRequestDetector.matches(in: text)
        // then exactly the request is quoted
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        #expect(match.sentence == "Also, are you hiring?")
        #expect(match.ruleCode == "asks_if_hiring")
    }

    @Test("explains why a job request hurts")
    func explainsWhy() {
        // given the published explanation
        // then it names the screening and the pressure on the contact
        #expect(JobRequestDetector.why.contains("screening"))
        #expect(JobRequestDetector.why.contains("on the spot"))
    }
}
