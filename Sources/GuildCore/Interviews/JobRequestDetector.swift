// Finds sentences that ask for a job, since an informational interview must never become one.
import Foundation

/// One family of job-request phrasings. Patterns are regular expressions over lowercased text with typographic
/// apostrophes folded, kept as data so the policy page can explain what is flagged and why.
public struct JobRequestRule: Codable, Equatable, Sendable {
    public let code: String
    public let description: String
    public let patterns: [String]
    /// Some phrasings only ask for a job when the writer speaks of themself ("apply to your company" vs "how did you apply").
    public let needsFirstPerson: Bool

    public init(code: String, description: String, patterns: [String], needsFirstPerson: Bool = false) {
        self.code = code
        self.description = description
        self.patterns = patterns
        self.needsFirstPerson = needsFirstPerson
    }
}

/// A sentence flagged as a job request, with the rule that caught it.
public struct JobRequestMatch: Codable, Equatable, Sendable {
    public let sentence: String
    public let ruleCode: String

    public init(sentence: String, ruleCode: String) {
        self.sentence = sentence
        self.ruleCode = ruleCode
    }
}

public enum JobRequestDetector {
    /// Why asking for a job hurts, in the words shown to explorers.
    public static let why = "Asking for a job turns a conversation you asked for to learn into a screening, and puts the contact on the spot. "
        + "Ask instead how competitive your background is and what would improve your chances."

    private static let vacancyWords = "(openings?|vacanc(y|ies))"
    private static let roleWords = "(jobs?|positions?|roles?|internships?|placements?|posts?)"
    private static let lookups = "(are there|is there|do you have|does your [a-z ]{1,25}? have|do you know( of)?|know of|hear of|heard of|aware of)"
    private static let cvWords = "(cv|resume|curriculum vitae|cover letter|job application|application)"
    private static let hiringPeople = "(hr|human resources|recruiters?|recruiting|recruitment|talent acquisition|talent team|hiring managers?|hiring team|people team|whoever (hires|does the hiring|handles hiring|is hiring))"

    /// Every rule, in one place.
    public static let rules: [JobRequestRule] = [
        JobRequestRule(
            code: "asks_if_hiring",
            description: "Asking whether the contact or their team is hiring.",
            patterns: [
                "\\b(are|is) (you|y'all|your [a-z ]{1,25}?|anyone (on|in|at) your [a-z ]{1,25}?) (currently |still |now |actively |at all )?(hiring|recruiting)\\b",
                "\\b(you're|you are|your [a-z]+ (is|are)) (currently |still |now |actively )?(hiring|recruiting)\\b",
            ]
        ),
        JobRequestRule(
            code: "asks_for_openings",
            description: "Asking about openings, vacancies or open positions, or to be told when one comes up.",
            patterns: [
                "\\b\(lookups)( any| an| some)?( current| open| upcoming| available| new| suitable)?( job| internship| entry[- ]level| junior| graduate| trainee)? \(vacancyWords)\\b",
                "\\b(for|about) (any|an|the|some) (current |open |upcoming |available |new |suitable )?\(vacancyWords)\\b",
                "\\b\(vacancyWords) (at|in|on|with) (your|you)\\b",
                "\\b(open|available|vacant|unfilled|advertised) \(roleWords)\\b",
                "\\b\(lookups)( any| an| a| some)?[a-z -]{0,25}? \(roleWords)\\b[a-z' ]{0,40}?\\b(for me|i could|i might|i can|i'd|at your|on your|in your|with you|with your|available|going)\\b",
                "\\b(\(roleWords)|\(vacancyWords)|spots?|places?)\\b[a-z ]{0,20}?\\b(opens? up|opening up|comes? up|coming up|becomes? (available|vacant|free))\\b",
                "\\bif (anything|something)( suitable| relevant)?( [a-z]+){0,3} (opens? up|becomes? (available|vacant))\\b",
                "\\b(chance|possibility|way|hope)\\b[a-z ]{0,20}?\\b(internship|job|position|role|placement|work experience|opening)\\b[a-z ]{0,25}?\\b(at|with|in|on) (your|you)\\b",
                "\\b(any|a|the) (job|position|role|internship|place|spot|opening|vacancy) for me\\b",
                "\\broom for me\\b",
            ]
        ),
        JobRequestRule(
            code: "asks_to_be_hired",
            description: "Asking to be hired, offered a job or internship, or helped into one.",
            patterns: [
                "\\b(hire|employ|recruit|onboard) me\\b",
                "\\btake me on\\b",
                "\\b(love|like|want|hope|hoping|wish|keen|eager|looking) to (be|get) (hired|employed|recruited|taken on)\\b",
                "\\b(give|offer|find|get) me (a|an|the|some)( [a-z-]+)? (job|position|role|internship|placement|offer)\\b",
                "\\bhelp me (to )?(get|find|land|secure) (a|an|the)( [a-z-]+)? (job|position|role|internship|placement)\\b",
                "\\b(be|being|get|getting) considered (for|as)\\b",
                "\\b(keep|bear|have) me in mind\\b",
                "\\b(consider|recommend|refer|suggest) me (for|as)\\b",
                "\\b(consider|recommend|refer) me( or| and|\\?|\\.|$)",
            ]
        ),
        JobRequestRule(
            code: "offers_to_work_for_contact",
            description: "Saying you want to apply to, work for or join the contact's organisation.",
            patterns: [
                "\\bapply (for|to|with|at)\\b[a-z ]{0,30}?\\b(your|you)\\b",
                "\\b(i'm|i am|i've been|i have been|i'll be|i will be)( currently)? (looking|searching|hunting|applying) for (a |an )?(new )?(job|position|role|work|internship|placement|employment)s?\\b[a-z ]{0,25}?\\b(at|with|in|on) (your|you)\\b",
                "\\b(love|like|want|hope|hoping|wish|keen|eager|interested|dream|chance|opportunity)( in| of| to)? (work|working|join|joining|intern|interning) (for|with|at|in|on)? ?(you|your)\\b",
            ],
            needsFirstPerson: true
        ),
        JobRequestRule(
            code: "asks_for_cv_review",
            description: "Sending a CV or résumé, or asking the contact to read, review or pass it on.",
            patterns: [
                "\\b(review|look at|look over|looking over|go over|going over|glance at|read|check|critique|comment on|feedback on|edit|proofread|a look at|a glance at|look through|read through|thoughts on)\\b[a-z ]{0,15}?\\bmy \(cvWords)\\b",
                "\\b(pass|forward|send|give|share|hand|circulate|submit|show)( on| along| over)?\\b[a-z ]{0,12}?\\bmy \(cvWords)\\b",
                "\\b(attached|attaching|attach|enclosed|enclosing|enclose|including|included)\\b[a-z ]{0,15}?\\bmy (cv|resume|curriculum vitae)\\b",
                "\\bmy (cv|resume|curriculum vitae) (is|has been) (attached|enclosed|below)\\b",
            ]
        ),
        JobRequestRule(
            code: "asks_for_referral_to_hiring",
            description: "Asking to be referred or introduced to HR, a recruiter or a hiring manager.",
            patterns: [
                "\\b(refer|introduce|connect|put|pass|forward|recommend|mention|send)( me| my name| my details| my cv| my resume| it)?\\b[a-z ]{0,20}?\\b(to|with|in touch with|in contact with|on to|along to)\\b[a-z ]{0,15}?\\b\(hiringPeople)\\b",
                "\\bwho (is|are|handles|does|runs|makes|manages|leads|would be)( the| your)? (hiring|recruiting|recruitment)\\b",
                "\\b(put in|say|drop) a (good |kind )?word for me\\b",
            ]
        ),
    ]

    /// Every sentence of `text` that asks for a job, at most one match per sentence.
    public static func matches(in text: String) -> [JobRequestMatch] {
        let compiled = compiledRules()
        let firstPerson = compile("\\b(i|i'm|i'd|i've|i'll|me|my|mine)\\b")
        var found: [JobRequestMatch] = []
        for sentence in InterviewText.sentences(text) {
            let normalised = InterviewText.normalisedForMatching(InterviewText.singleLine(sentence))
            let speaksOfSelf = firstPerson.map { normalised.contains($0) } ?? true
            for (rule, regexes) in compiled where !rule.needsFirstPerson || speaksOfSelf {
                if regexes.contains(where: { normalised.contains($0) }) {
                    found.append(JobRequestMatch(sentence: sentence, ruleCode: rule.code))
                    break
                }
            }
        }
        return found
    }

    public static func containsJobRequest(_ text: String) -> Bool {
        !matches(in: text).isEmpty
    }

    private static func compiledRules() -> [(JobRequestRule, [Regex<AnyRegexOutput>])] {
        rules.map { rule in (rule, rule.patterns.compactMap(compile)) }
    }

    private static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
        // The patterns are constants checked by the tests; a bad one is dropped rather than crashing a request.
        (try? Regex(pattern))?.ignoresCase().wordBoundaryKind(.simple)
    }
}

extension JobRequestDetector {
    /// Patterns that fail to compile; the tests keep this empty.
    static func uncompilablePatterns() -> [String] {
        rules.flatMap(\.patterns).filter { (try? Regex($0)) == nil }
    }
}
