// `guild demo [--gigs N]`: fills the database with a realistic demo marketplace, showing progress as it goes.
import Vapor
import Fluent
import GuildCore

struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "gigs", help: "How many gigs to create (default 300)") var gigs: Int?
        @Option(name: "members", help: "How many members to create (default: about one per 8 gigs, at least 24)") var members: Int?
        @Option(name: "seed", help: "Random seed, for the same data every time (default 42)") var seed: Int?
    }

    var help: String { "Fill the database with a realistic demo marketplace: members, gigs, orders in every state, reviews and interviews." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let gigs = signature.gigs ?? 300
        guard (0...2_000_000).contains(gigs) else { throw GuildCommandError("--gigs must be between 0 and 2,000,000") }
        let memberCount = signature.members ?? max(24, gigs / 8)
        let demo = DemoContext(app: context.application, console: context.console, gigCount: gigs,
                               seed: UInt64(signature.seed ?? 42))
        // The demo's events happen over the past year on a clock it moves, so that account ages, earnings by month,
        // review windows and level evaluations are real; the app's own clock comes back afterwards.
        let appClock = context.application.clock
        context.application.clock = demo.clock
        defer { context.application.clock = appClock }
        try await DemoMembers.create(count: memberCount, in: demo)
        for feature in Features.all {
            demo.clock.set(demo.realNow)
            try await feature.demo(demo)
        }
        context.console.print("Demo marketplace ready. Every demo member's password is \(DemoMembers.password)")
        context.console.print("Try logging in as \(demo.members.first?.email ?? "-") (they have the admin and arbiter roles).")
    }
}

/// What a feature's demo step gets: the application, a seeded random source, the members made so far, and a progress bar.
final class DemoContext: @unchecked Sendable {
    let app: Application
    let console: any Console
    let gigCount: Int
    var rng: SeededRandom
    /// Demo members in creation order: the first is an admin and arbiter.
    var members: [User] = []
    /// Ids of records a later step may build on (e.g. gigs for orders), by kind.
    var created: [String: [UUID]] = [:]

    /// When the demo runs; its events are placed before it on `clock`.
    let realNow: Date
    let clock: GuildClock

    init(app: Application, console: any Console, gigCount: Int, seed: UInt64) {
        self.app = app; self.console = console; self.gigCount = gigCount; self.rng = SeededRandom(seed: seed)
        realNow = app.clock.now()
        clock = GuildClock(fixed: realNow)
    }

    var db: any Database { app.db }

    func progress(_ title: String, total: Int) -> DemoProgress { DemoProgress(title: title, total: total, console: console) }
}

/// A text progress bar: `gigs  [##########..........]  50%  50000/100000`.
final class DemoProgress: @unchecked Sendable {
    let title: String
    let total: Int
    let console: any Console
    private var lastShown = -1

    init(title: String, total: Int, console: any Console) {
        self.title = title; self.total = total; self.console = console
        show(0)
    }

    func show(_ done: Int) {
        let percent = total == 0 ? 100 : Int((Double(done) / Double(total) * 100).rounded(.down))
        guard percent != lastShown else { return }
        lastShown = percent
        let width = 30
        let filled = total == 0 ? width : width * done / max(total, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\(title.padding(toLength: 12, withPad: " ", startingAt: 0)) [\(bar)] \(String(percent).leftPad(3))%  \(done)/\(total)"
        console.output((percent == 100 ? line + "\n" : line + "\r").consoleText(), newLine: false)
    }

    func finish() { show(total) }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same demo data.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum DemoMembers {
    static let password = "guild-demo-password"

    static let firstNames = ["Amara", "Bruno", "Chen", "Dalia", "Emeka", "Farah", "Gustavo", "Hana", "Ivan", "Jamila", "Kofi", "Lena",
                             "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tamsin", "Umar", "Vera", "Wen", "Ximena",
                             "Yusuf", "Zoe", "Aiko", "Bilal", "Carmen", "Dmitri", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas"]
    static let lastNames = ["Okafor", "Silva", "Li", "Haddad", "Nwosu", "Rahman", "Pereira", "Sato", "Petrov", "Mensah", "Berg",
                            "Ortiz", "Kowalski", "Nair", "Dubois", "Costa", "Yilmaz", "Adeyemi", "Novak", "Lind", "Moreau", "Kim"]
    static let headlines = ["Brand identities for small businesses", "Plain-English copywriter", "Full-stack web developer",
                            "Bookkeeper for freelancers", "Wedding and event videographer", "Mixing and mastering engineer",
                            "Data analyst: spreadsheets to dashboards", "Maths and physics tutor", "Social media strategist",
                            "Illustrator for children's books", "Mobile app developer", "Handy person for small repairs"]
    /// Skills for each headline above, as a person lists them (whole skills, not words of the headline).
    static let skillSets = [["Logo design", "Brand identity", "Typography"], ["Copywriting", "Editing", "Plain English"],
                            ["Web development", "PostgreSQL", "React"], ["Bookkeeping", "VAT returns", "Xero"],
                            ["Event filming", "Video editing", "Colour grading"], ["Mixing", "Mastering", "Podcast audio"],
                            ["Data analysis", "Excel", "Power BI dashboards"], ["Maths tutoring", "Physics tutoring", "Exam preparation"],
                            ["Social media strategy", "Content calendars", "Instagram"], ["Illustration", "Children's books", "Procreate"],
                            ["iOS development", "Swift", "Android"], ["Furniture assembly", "Small repairs", "Painting"]]
    static let timezones = ["Europe/Lisbon", "America/New_York", "Africa/Lagos", "Asia/Kolkata", "America/Sao_Paulo", "Europe/Berlin", "Asia/Tokyo"]

    static func create(count: Int, in demo: DemoContext) async throws {
        let hash = try await demo.app.password.async(on: demo.app.threadPool, hopTo: demo.app.eventLoopGroup.any()).hash(password)
        let progress = demo.progress("members", total: count)
        // One query for the demo members a previous run made, not one per member.
        let existing = Set(try await User.query(on: demo.db).filter(\.$email ~~ "@demo.guild").all(\.$email))
        var batch: [User] = []
        for i in 0..<count {
            let first = firstNames[i % firstNames.count], last = lastNames[(i / firstNames.count + i) % lastNames.count]
            let email = "\(first.lowercased()).\(last.lowercased())\(i)@demo.guild"
            if existing.contains(email) { continue }
            let user = User(email: email, passwordHash: hash, displayName: "\(first) \(last)")
            user.headline = headlines[i % headlines.count]
            user.bio = "I have worked independently for \(2 + i % 12) years. I reply within a day and keep clients posted at every step."
            user.timezone = timezones[i % timezones.count]
            user.hourlyRateCents = Int64(2500 + (i * 750) % 9000)
            user.languages = i % 3 == 0 ? ["English", "Portuguese"] : ["English"]
            user.skills = skillSets[i % skillSets.count]
            // Every other member shows a few pieces of work (example addresses: the demo invents no real sites).
            let slug = "\(first.lowercased())-\(last.lowercased())-\(i)"
            user.portfolioLinks = i % 2 == 0 ? (1...(2 + i % 3)).map { "https://portfolio.example/\(slug)/work-\($0)" } : []
            user.openToInterviews = i % 4 == 0
            if user.openToInterviews {
                user.interviewTopics = ["Getting started", "Pricing your work", "Finding clients"]
                user.interviewAvailability = "Weekday mornings"
            }
            if i == 0 { user.roles = ["member", "arbiter", "admin"] }
            batch.append(user)
            if batch.count == 200 || i == count - 1 {
                try await batch.create(on: demo.db)
                demo.members += batch
                batch = []
            }
            progress.show(i + 1)
        }
        if !batch.isEmpty { try await batch.create(on: demo.db); demo.members += batch }
        if demo.members.isEmpty {
            demo.members = try await User.query(on: demo.db).filter(\.$email ~~ "@demo.guild").sort(\.$email).all()
        }
        progress.finish()
    }
}
