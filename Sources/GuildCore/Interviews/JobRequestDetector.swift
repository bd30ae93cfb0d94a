// Finds sentences that ask for a job, since an informational interview must never become one.
//
// A keyword list fails both ways: "passing my CV along" slips through while "who is hiring the most in this
// industry?" is flagged. So each sentence is read for who asks whom for what: is the explorer (I, me, my) the one
// who would gain; is the thing sought a job, an internship, a job interview, a referral to whoever hires, or the
// explorer's application material handed on; is it sought at the contact's organisation (you, your team, its
// name) or from the contact; and is the sentence a request (could you, please, let me know, I'd love to) rather
// than a question about how work in the field goes. Each rule below names one such combination, with examples of
// what it flags and what it leaves alone; the rules page shows them as they are.
import Foundation

/// One way of asking for a job, with examples of sentences it flags and similar ones it leaves alone.
public struct JobRequestRule: Codable, Equatable, Sendable {
    public let code: String
    public let description: String
    public let flagged: [String]
    public let notFlagged: [String]

    public init(code: String, description: String, flagged: [String], notFlagged: [String]) {
        self.code = code
        self.description = description
        self.flagged = flagged
        self.notFlagged = notFlagged
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

    /// What the check reads in every sentence, in the words of the rules page.
    public static let method = [
        "Who would gain: the writer (I, me, my) or people in general.",
        "What is sought: a job, role, position, opening, vacancy, internship, placement or traineeship; a job interview; "
            + "a word or a referral to whoever hires; or the writer's CV, résumé, portfolio, cover letter or LinkedIn profile handed on or reviewed.",
        "Where: at the contact's organisation (you, your team, your company, or the organisation's name), or from the contact themself. "
            + "\"Roles like yours\" and \"agencies such as yours\" speak of the field, not of the contact's organisation.",
        "How it is said: a request (could you, would you mind, please, let me know, keep me in mind, I'd love to) rather than a question "
            + "about how things work (how, what, when, which, should I…) in the field.",
    ]

    /// Every rule, in the order they are tried; the first that holds names the sentence's problem.
    public static let rules: [JobRequestRule] = [
        JobRequestRule(
            code: "asks_if_hiring",
            description: "Asking whether the contact, their team or their organisation is hiring or taking people on.",
            flagged: ["Are you hiring at the moment?", "Is your studio taking on any interns this summer?", "Will your team be recruiting graduates next year?"],
            notFlagged: ["Who is hiring the most in this industry?", "How does your team usually hire juniors?", "Have you ever hired someone without a degree?"]
        ),
        JobRequestRule(
            code: "asks_for_openings",
            description: "Asking about openings at the contact's organisation or for the writer, or to be told when one comes up.",
            flagged: ["Do you have any openings on your team?", "Let me know when applications open.", "Are there any roles I could apply for?"],
            notFlagged: ["When do graduate roles typically open up?", "Which roles are growing fastest in this industry?", "Let me know if you have any questions."]
        ),
        JobRequestRule(
            code: "asks_to_be_hired",
            description: "Asking to be hired, considered, kept in mind or found a job.",
            flagged: ["Would you consider me for a role?", "Please keep me in mind if something comes up.", "Could you help me land an internship?"],
            notFlagged: ["How did you get hired at your first agency?", "What would help me get a job in this field?", "Could you recommend me some books on pricing?"]
        ),
        JobRequestRule(
            code: "offers_to_work_for_contact",
            description: "The writer saying they want to apply to, work for or join the contact's organisation.",
            flagged: ["I would love to join your team.", "How can I apply to your company?", "I'm looking for a job at your firm."],
            notFlagged: ["What is it like working at your company?", "How did you come to join your team?", "Is it worth working at an agency like yours first?"]
        ),
        JobRequestRule(
            code: "asks_for_cv_review",
            description: "Sending the writer's CV, résumé, portfolio or profile, or asking the contact to read, review or pass it on.",
            flagged: ["I've attached my CV.", "Could you pass my résumé along to your manager?", "Would you mind looking over my portfolio?"],
            notFlagged: ["What is worth including on my resume?", "Should I put my portfolio on my LinkedIn profile?", "What do recruiters look for in a CV?"]
        ),
        JobRequestRule(
            code: "asks_for_referral_to_hiring",
            description: "Asking to be referred or introduced to whoever hires, or for a word with them.",
            flagged: ["Could you put in a word with the team lead?", "Would you introduce me to your recruiter?", "Who handles hiring on your team?"],
            notFlagged: ["Who else would you suggest I talk to?", "Could you introduce me to someone in research operations?", "Could you refer me to any articles on this trend?"]
        ),
        JobRequestRule(
            code: "asks_for_job_interview",
            description: "Asking for a job interview, as opposed to the conversation itself.",
            flagged: ["Could I get an interview for the junior role?", "Would you be able to interview me for the position?"],
            notFlagged: ["How should I prepare for a job interview in this field?", "Thank you for this informational interview."]
        ),
    ]

    /// Every sentence of `text` that asks for a job, at most one match per sentence. `organisation` is the
    /// contact's organisation: naming it counts as "your organisation".
    public static func matches(in text: String, organisation: String? = nil) -> [JobRequestMatch] {
        let org = organisation.map { InterviewText.normalisedForMatching(InterviewText.trimmed($0)) }.flatMap { $0.count >= 3 ? $0 : nil }
        var found: [JobRequestMatch] = []
        for sentence in InterviewText.sentences(text) {
            for clause in clauses(of: sentence) {
                let reading = Reading(clause, organisation: org)
                if let code = reading.ruleCode() {
                    found.append(JobRequestMatch(sentence: sentence, ruleCode: code))
                    break
                }
            }
        }
        return found
    }

    public static func containsJobRequest(_ text: String, organisation: String? = nil) -> Bool {
        !matches(in: text, organisation: organisation).isEmpty
    }

    /// A sentence's clauses: parts joined by a semicolon or a dash are read on their own, so that a request in one
    /// half does not borrow "your team" from the other. Commas stay, since a condition ("if anything opens up, …")
    /// belongs to its request.
    static func clauses(of sentence: String) -> [String] {
        let normalised = InterviewText.normalisedForMatching(InterviewText.singleLine(sentence))
        let parts = normalised.components(separatedBy: CharacterSet(charactersIn: ";\u{2014}\u{2013}"))
            .map(InterviewText.trimmed).filter { !$0.isEmpty }
        return parts.count > 1 ? [normalised] + parts : [normalised]
    }
}

// MARK: - reading a clause

extension JobRequestDetector {
    /// The cues of one clause, each a regular expression over normalised text, kept together so the tests can
    /// check that every one compiles.
    enum Cue {
        static let explorer = #"\b(i|i'm|im|i'd|i've|i'll|me|my|myself|mine)\b"#
        static let orgNouns = #"(company|companies|team|teams|firm|organi[sz]ation|org|department|dept|agency|studio|lab|practice|office|group|shop|business|side|end|school|hospital|bank|charity|clinic|start-?up|employer|workplace|unit|division|branch|newsroom|restaurant|kitchen|store|crew|outfit|place|lab's|company's|team's)"#
        /// "Your team", "at your place", "with you", "for you": the contact's organisation, or the contact as employer.
        static let yourOrg = #"\b(your|ur) ([a-z-]+ ){0,2}"# + orgNouns + #"\b|\b(with|for|at|under|alongside|join|joining) (you|y'all|you guys|you all)\b|\bon your (side|end)\b"#
        /// "Roles like yours" speaks of the field, not of the contact's organisation.
        static let comparative = #"\b(like|such as|similar to|as) (yours|your [a-z-]+( [a-z-]+)?)\b"#
        static let jobNoun = #"\b(jobs?|roles?|positions?|posts?|openings?|vacanc(y|ies)|internships?|interns?|placements?|work experience|apprenticeships?|apprentices?|traineeships?|trainees?|graduate (schemes?|programmes?|programs?|jobs?|roles?)|grad (schemes?|roles?|programs?)|opportunit(y|ies)|spots?|places?|seats?|headcount|contracts?|freelance work|paid work|employment|hires?|leads|gigs?|applications?|anything|something)\b"#
        /// People an organisation takes on.
        static let people = #"\b(interns?|juniors?|graduates?|grads|trainees?|apprentices?|people|staff|someone|somebody|anyone|anybody|new (hires|people|staff|starters|joiners)|hires|designers?|developers?|engineers?|analysts?|researchers?|volunteers?|freelancers?|contractors?|help|more)\b"#
        static let hiringVerb = #"(hiring|recruiting|taking on|taking|bringing on|bringing in|onboarding|adding|accepting applications|accepting|looking (to hire|for)|seeking|planning to hire|plan(ning)? to (hire|recruit|take on|bring on)|going to (hire|recruit|take on)|about to (hire|recruit)|expecting to (hire|recruit)|hoping to (hire|recruit)|need(ing)?|open to (hiring|taking on))"#
        /// The contact or their organisation as the one who hires, in the present or the future.
        static let orgHires = #"\b(are|is|will|would|do|does|might|could)( you| y'all| you guys| (your|ur) [a-z-]+( [a-z-]+)?| anyone (at|on|in) your [a-z-]+| they| there)( [a-z-]+){0,3}? "# + hiringVerb + #"\b|\b(you|you're|you are|y'all|your [a-z-]+ (is|are|will be|'s|'re)) ([a-z-]+ ){0,2}?"# + hiringVerb + #"\b|\bany (plans|chance|budget) (to|of|for) (hire|hiring|recruit|take on|taking on|bring on|a new hire)\b"#
        static let hiringNeedsPeople = #"(taking|taking on|bringing on|bringing in|onboarding|adding|accepting|looking for|seeking|need(ing)?)"#
        static let request = #"\b(could|would|can|will|might) you\b|\byou (could|would|can|might)\b|\bwilling to\b|\bplease\b|\bany chance\b|\bi'd (be grateful|appreciate|be thankful)|\bi would (be grateful|appreciate)|\bif you (could|would|can|don't mind|do not mind|wouldn't mind|are able)\b|\bwould you mind\b|\bdo you mind\b|\bhappy (for you )?to\b|\bis it possible (for you|to)\b|\bi was wondering if\b|\bi wondered if\b|\bwondering whether\b"#
        static let desire = #"\b(i'd|i would|i'm|i am|i've|i have|i really|i|we'd)( really| very| so| be| been| also| still)* (love|like|want|wanting|hope|hoping|wish|keen|eager|interested|looking|dreaming|dream|aiming|planning|thrilled|excited|delighted|grateful|happy|glad|open|jump at|leap at)\b|\bmy (dream|goal|hope|aim|wish)\b|\bit would be (great|wonderful|amazing|a dream|lovely)\b"#
        static let notifyMe = #"\b(let me know|keep me (posted|informed|updated|in the loop|in mind)|tell me (when|if)|inform me|give me a (heads[- ]up|shout|call|ring|nudge|bell)|ping me|drop me a (line|note|message)|message me|email me|reach out( to me)?|contact me|alert me|notify me|send (it|them|anything) my way|pass (it|them|anything) my way|think of me|remember me|i'd love to hear|i would love to hear|i'd be glad to hear|flag (it|them) (to|for) me)\b"#
        static let opensUp = #"\b(opens?( up)?|opening( up)?|comes? up|coming up|came up|become?s? (available|free|vacant)|free[sd]? up|go(es)? live|are (posted|advertised|announced|released|out)|is (posted|advertised|announced|released|out)|get(s)? (posted|advertised)|start(s)? (hiring|recruiting)|hiring again|open for (applications|applicants)|arises?|crops? up|pops? up)\b"#
        static let lookup = #"\b((is|are|might|would|could|will) there( be)?|do you have|does your [a-z-]+( [a-z-]+)? have|have you got|you got|got any|do you know( of| about)?|know of|know about|heard of|hear of|hear about|aware of|any chance of|are any|is any|anything (going|available|open)|any)\b"#
        static let forMe = #"\b(for me|i could|i can|i might|i'd|i would|i'm (suited|qualified|right)|suit(s|able for)? me|fit(s|ting)? me|right for me|for someone like me|my way)\b"#
        static let helpMeGet = #"\b(help|helping|assist) me( to)? (get|find|land|secure|obtain|break into|get into|get a foot in)\b|\b(find|get|give|offer|land|secure|line up|sort|set) me (up with )?(a|an|the|some|any)( [a-z-]+){0,2} (job|role|position|internship|placement|post|opening|offer|contract|traineeship|apprenticeship)\b"#
        static let hireMe = #"\b(hire|employ|recruit|onboard|shortlist|headhunt) me\b|\b(take|taking|bring|bringing) me (on|aboard|onboard|into)\b|\b(take|bring) on (someone like me|me)\b|\b(keep|bear|have) me in mind\b|\bthink of me (for|if|when|as)\b|\bconsider(ing)? me\b|\bconsider(ing)? my (application|cv|resume|candidacy|profile|portfolio)\b|\b(recommend|refer|suggest|put forward|nominate|vouch for|put up) me (for|as|to (your|the|a) ([a-z-]+ )?(team|company|manager|boss|hr|recruiters?|hiring [a-z]+))\b|\b(recommend|refer) me( or| and|\?|\.|,|$)|\bme (hired|on board|onboard)\b|\bgive me a (chance|shot|try|go)\b|\bhiring me\b|\b(refer|recommend|put) me (internally|in-house|within)\b"#
        static let beHired = #"\b(be|being|get|getting|got) (hired|employed|recruited|taken on|brought on|brought in|considered|shortlisted|onboarded|interviewed|a look-in|my foot in the door|a foot in the door)\b"#
        static let joinOrg = #"\b(apply|applying|application|work|working|join|joining|intern|interning|get in|get into|start|starting|be part of|being part of|come on board|come aboard|come and work|come work|move to|transfer to|switch to|a place|a spot|a seat|a job|a role|a position|an internship|a placement|employment|placement)\b"#
        static let material = #"\b(my|attached|enclosed|a copy of my|the attached)( updated| latest| current| full| short| revised| new| own)? (cv|cvs|resume|resumes|curriculum vitae|cover letter|portfolio|linkedin( profile)?|application( form)?|details|credentials|work samples|samples|showreel|reel|case studies|references|candidacy|profile|github)\b"#
        static let transfer = #"\b(pass|passing|passed|forward|forwarding|send|sending|sent|share|sharing|hand|handing|circulate|circulating|submit|submitting|show|showing|put|putting|get|getting|give|giving|attach|attaching|attached|enclose|enclosing|enclosed|include|included|including|drop|dropping|slip|slipping|flick|pop|popping|route|point)\b"#
        static let review = #"\b(review|reviewing|look at|looking at|look over|looking over|go over|going over|glance at|glance over|read|reading|check|checking|critique|critiquing|comment on|feedback on|edit|editing|proofread|proofreading|a look at|a glance at|look through|read through|thoughts on|eyes? (on|over)|eye over|cast an eye|run your eye|skim|scan)\b"#
        /// The writer sends material themself: "I've attached", "here is my", "can I send you".
        static let explorerSends = #"\b(i've|i have|i'm|i am|i'll|i will|i)( also| just)? (attached|attach|attaching|enclosed|enclose|enclosing|included|include|including|sending|send|sent|added|forwarding|forward|shared|sharing|uploaded|linked)\b|\bhere (is|are|'s) my\b|\bhere's my\b|\b(can|could|may|shall|should|might) i (send|forward|share|pass|give|drop|email|attach) (you|it|over|along|on)\b|\bplease find\b|\b(is|are) (attached|enclosed|below)\b|\b^(attached|enclosed)\b|\b(attached|enclosed) (is|are|please find|you will find|you'll find)\b|\bhappy to (send|share|forward)\b"#
        static let toContact = #"\b(to you|you my|you a copy|your way|over to you|send you|forward you|share with you|give you|show you|with you)\b|\b(to|with|along to|on to|onto|in front of) (your|the|a|any) ([a-z-]+ )?(manager|boss|team|hr|recruiters?|hiring|colleagues?|company|lead|director|head|partner|founder|people)\b|\b(along|on|over|around)\b"#
        static let hiringPeople = #"\b(hr|human resources|recruiters?|recruiting|recruitment|talent acquisition|talent( team| partner| lead)?|hiring (managers?|team|lead|panel|partner|people|manager's)|people team|team (lead|leader|manager)|line manager|head of (hiring|recruitment|talent|people)|whoever (hires|does the hiring|handles hiring|is hiring|makes (the )?hiring decisions)|the (person|people) (who|that) (hires?|does the hiring|makes (the )?hiring decisions)|decision[- ]makers?)\b"#
        static let referVerb = #"\b(refer|referring|introduce|introducing|connect|connecting|put|putting|pass|passing|forward|forwarding|recommend|recommending|mention|mentioning|send|sending|point|pointing|link|linking|hook)( me| my name| my details| my cv| my resume| it| them| my profile| my portfolio| my application| me up)?\b"#
        static let aWord = #"\b(put|putting|say|saying|drop|dropping|have|having|give|giving)( in)? a (good |kind |quick |positive )?word\b|\bvouch for me\b|\bspeak (up )?for me\b|\badvocate for me\b|\bgo to bat for me\b|\bpull (some |a few )?strings\b|\buse your influence\b|\bdrop my name\b|\bput my name (forward|in)\b|\bput me forward\b"#
        static let whoHires = #"\bwho( exactly)? (is|are|handles|does|runs|makes|manages|leads|oversees|would be|should i (contact|speak to|talk to|write to|email) about|decides|is in charge of|'s in charge of)( the| your| all the)? (hiring|recruiting|recruitment|hiring decisions|recruitment decisions|intake)\b"#
        static let jobInterview = #"\binterview me\b|\b(job|formal|first[- ]round|second[- ]round|proper|hiring|real) interviews?\b|\binterview(ed|ing)? for (the|a|any|this|that|an|your) ([a-z-]+ ){0,2}(role|job|position|opening|vacancy|internship|post|placement)\b|\b(get|getting|have|having|land|landing|secure|securing|arrange|set up|schedule|book|offer|give)( me)? (a|an)( [a-z-]+)? interview (for|with|at)\b|\bset me up with (a|an)( [a-z-]+)? interview\b"#
        static let informational = #"\b(informational|information|info|career|exploratory|research) (interview|conversation|chat)s?\b"#
        /// A question about how things are, rather than a request: "how", "what", "should I", "is it worth".
        static let adviceOpening = #"^(and |but |so |also |then |now |finally |lastly |out of interest |in your view |in your experience |from your experience |generally |honestly )?(,? )?(what|what's|whats|how|how's|hows|which|when|where|why|who|whom|whose|should i|do i|did you|have you|was it|is it (worth|better|normal|common|usual|typical|true|possible for someone|realistic|a good idea)|would it (be worth|help|make sense|be better|be wise)|does it (help|matter)|do you think|in your opinion|is there a (best|good|right) (way|time)|are there (usually|typically|often|generally)|is it common|do (most|many|people|companies|employers|recruiters|hiring managers))\b"#
    }

    struct Reading {
        let text: String
        let organisation: String?

        init(_ clause: String, organisation: String?) {
            // "Roles like yours" is about the field: drop it before looking for the contact's organisation.
            var text = clause
            if let regex = Self.compiled(Cue.comparative) { text = text.replacing(regex, with: "the field") }
            self.text = text
            self.organisation = organisation
        }

        func has(_ pattern: String) -> Bool {
            guard let regex = Self.compiled(pattern) else { return false }
            return text.contains(regex)
        }

        var explorer: Bool { has(Cue.explorer) }
        var yourOrg: Bool { has(Cue.yourOrg) || (organisation.map { text.contains($0) } ?? false) }
        var request: Bool { has(Cue.request) }
        var desire: Bool { has(Cue.desire) }
        var advice: Bool { has(Cue.adviceOpening) }

        /// The first rule this clause breaks, if any.
        func ruleCode() -> String? {
            // The conversation itself is not a job interview, and thanking for it is not asking for one.
            let jobInterview = has(Cue.jobInterview) && !has(Cue.informational)

            // Is the contact or their organisation hiring? ("Are you taking on any interns?")
            if has(Cue.orgHires) {
                let needsPeople = has(#"\b"# + Cue.hiringNeedsPeople + #"\b"#) && !has(#"\b(hiring|recruiting)\b"#)
                if !needsPeople || has(Cue.people) { return "asks_if_hiring" }
            }
            // Advocacy with whoever hires: "put in a word with the team lead", "introduce me to your recruiter".
            if has(Cue.aWord) && (explorer || has(#"\bwith\b"#)) { return "asks_for_referral_to_hiring" }
            if has(Cue.referVerb + #"[^.?!]{0,30}?\b(to|with|in touch with|in contact with|on to|along to|towards|in front of)\b[^.?!]{0,20}?"# + Cue.hiringPeople)
                && (explorer || request) { return "asks_for_referral_to_hiring" }
            if has(Cue.whoHires) && (yourOrg || has(#"\b(you|there)\b"#)) && !has(#"\b(industry|field|sector|market|country|city|region|area|in general|generally|most)\b"#) {
                return "asks_for_referral_to_hiring"
            }
            // The writer's material handed on or reviewed: "passing my CV along", "I've attached my résumé".
            if has(Cue.material) {
                let sends = has(Cue.explorerSends)
                let moves = has(Cue.transfer) && (has(Cue.toContact) || request)
                let reviewed = has(Cue.review) && (request || has(#"\byou\b"#))
                let asksAdvice = advice && !has(#"\b(you|your) (could|would|can|might|mind)\b|\b(send|forward|give|show|pass) you\b|\bto you\b"#)
                if (sends || moves || reviewed) && !asksAdvice { return "asks_for_cv_review" }
            }
            if jobInterview && (explorer || request) && (yourOrg || request || desire || has(#"\b(for|with|at)\b"#)) && !(advice && !yourOrg && !request) {
                return "asks_for_job_interview"
            }
            // Being hired, considered or kept in mind.
            if has(Cue.hireMe) { return "asks_to_be_hired" }
            if has(Cue.helpMeGet) && (request || desire || yourOrg) && !(advice && !yourOrg && !request) { return "asks_to_be_hired" }
            if has(Cue.beHired) && explorer && (desire || yourOrg || request || has(#"\b(could|can|may|might) i\b"#))
                && !has(#"\b(you|they|he|she|people|someone|others) (got|get|were|was|are|is)\b"#) && !(advice && !yourOrg) {
                return "asks_to_be_hired"
            }
            // Openings: told when one comes up, or asked for at the contact's organisation or for the writer.
            let jobs = has(Cue.jobNoun)
            if has(Cue.notifyMe) && (jobs || has(Cue.opensUp)) {
                // "Let me know if anything opens up" asks for an opening; "let me know if a time opens up" does not.
                let namesWork = has(#"\b(hiring|recruiting|vacanc|opening|position|role|job|internship|placement|post|traineeship|apprenticeship|graduate|application)"#)
                let aboutScheduling = has(#"\b(questions?|thoughts|time|times|slot|slots|availability|convenient|suits|works|diary|calendar)\b"#)
                if (namesWork && (has(Cue.opensUp) || yourOrg || has(#"\b(any|when|if|once|as soon as|whenever)\b"#)))
                    || (!namesWork && has(Cue.opensUp) && has(#"\b(anything|something)\b"#) && !aboutScheduling) {
                    return "asks_for_openings"
                }
            }
            if yourOrg && has(#"\b(budget|headcount|room|space|capacity) for (a |an |another |one more |more |some )?(new )?(junior|intern|graduate|trainee|apprentice|hire|person|people|someone|me|designer|developer|analyst)"#) {
                return "asks_for_openings"
            }
            if jobs && !has(#"\b(anything|something)\b"#) || has(#"\b(anything|something) (suitable|relevant|going|available|open)\b"#) {
                let lookup = has(Cue.lookup)
                let forMe = has(Cue.forMe)
                if (lookup || request) && (yourOrg || forMe) && !(advice && !yourOrg && !forMe) { return "asks_for_openings" }
                // "Do you have any openings?", "do you know of any vacancies?": asked of the contact, the opening is theirs to give or pass on.
                if has(#"\b(do you have|have you got|you got|do you know of|do you know about|know of any|heard of any|hear of any|aware of any) (any |an |a |some )?([a-z-]+ ){0,2}(jobs?|roles?|positions?|posts?|openings?|vacanc(y|ies)|internships?|placements?|traineeships?|apprenticeships?|work experience)\b"#)
                    && !(advice && !yourOrg) { return "asks_for_openings" }
                if yourOrg && has(#"\b(open|available|vacant|unfilled|advertised|upcoming|current|new) (jobs?|roles?|positions?|posts?|internships?|placements?|vacanc(y|ies)|openings?)\b"#) {
                    return "asks_for_openings"
                }
                if yourOrg && has(#"\b(budget|headcount|room|space|capacity|a place|a spot|a seat)\b"#) && explorer { return "asks_for_openings" }
            }
            if has(#"\broom for me\b|\b(space|a place|a spot|a seat) for me\b"#) { return "asks_for_openings" }
            if has(#"\b(any|some) (job )?leads\b"#) && (explorer || request || has(#"\b(appreciated|welcome|grateful|helpful)\b"#)) { return "asks_for_openings" }
            // The writer applying to, working for or joining the contact's organisation.
            // The writer must be the one who would join: "tell me about the projects your team is working on" is not.
            // Nobody else may come between the writer and the joining ("I'd love to hear how you started at your company").
            let writerJoins = has(#"\b(i|i'm|im|i'd|i've|i'll|myself|me to|for me)\b((?!\b(you|he|she|they|people|someone|others|anyone|we|it|what|how|why|whether|where|when)\b)[^.?!]){0,40}?"# + Cue.joinOrg)
                || has(#"\bit would be [a-z ]{0,15}to (work|join|intern|be part)\b"#)
            if writerJoins && yourOrg && (desire || request || has(#"\b(how|could|can|may|might|would|should|what would it take|where do) (i|it take for me)\b|\bfor me to\b|\bi('m| am) (applying|looking|searching|hunting)\b|\bit would be\b"#)) {
                return "offers_to_work_for_contact"
            }
            if explorer && has(#"\b(looking|searching|hunting|applying) for (a |an |some )?(new |full-time |part-time |junior |graduate |paid )?(job|position|role|work|internship|placement|employment|opportunit(y|ies))"#)
                && (yourOrg || request) { return "offers_to_work_for_contact" }
            return nil
        }

        // Patterns are constants; each is compiled once and shared (a compiled regex is never mutated).
        nonisolated(unsafe) static var cache: [String: Regex<AnyRegexOutput>] = [:]
        static let lock = NSLock()

        static func compiled(_ pattern: String) -> Regex<AnyRegexOutput>? {
            lock.lock(); defer { lock.unlock() }
            if let regex = cache[pattern] { return regex }
            // A pattern that fails to compile is dropped rather than crashing a request; the tests keep the list clean.
            guard let regex = try? Regex(pattern).ignoresCase().wordBoundaryKind(.simple) else { return nil }
            cache[pattern] = regex
            return regex
        }
    }
}

extension JobRequestDetector {
    /// Every cue the rules read.
    static let cues: [String] = [
        Cue.explorer, Cue.yourOrg, Cue.comparative, Cue.jobNoun, Cue.people, Cue.orgHires, Cue.request, Cue.desire, Cue.notifyMe,
        Cue.opensUp, Cue.lookup, Cue.forMe, Cue.helpMeGet, Cue.hireMe, Cue.beHired, Cue.joinOrg, Cue.material, Cue.transfer,
        Cue.review, Cue.explorerSends, Cue.toContact, Cue.hiringPeople, Cue.referVerb, Cue.aWord, Cue.whoHires, Cue.jobInterview,
        Cue.informational, Cue.adviceOpening,
    ]

    /// Cues that fail to compile; the tests keep this empty.
    static func uncompilablePatterns() -> [String] {
        cues.filter { (try? Regex($0)) == nil }
    }
}
