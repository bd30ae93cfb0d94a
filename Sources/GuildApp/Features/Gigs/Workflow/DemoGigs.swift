// `guild demo --gigs N`: human-sounding gigs across every category, sellers' track records, and the search index, in bulk.
import Vapor
import Fluent
import SQLKit
import GuildCore

enum DemoGigs {
    /// Words a category's gigs are made of. Titles and descriptions are assembled from these, so that
    /// search has real vocabulary: common words ("logo") and rare ones ("letterpress").
    struct Bank {
        var verbs: [String]
        /// "what is delivered#the tag buyers search for it by"
        var services: [String]
        var audiences: [String]
        var tags: [String]
        var process: [String]
    }

    static let banks: [String: Bank] = [
        "design": Bank(verbs: ["design", "draw", "create", "redesign", "sketch"],
                       services: ["a memorable logo#logo", "a brand identity kit#branding", "a children's book illustration#illustration", "a clean landing page layout#ui design", "packaging for a small product#packaging", "a pitch deck that looks sharp#presentation", "a letterpress wedding invitation#print", "app screens in Figma#figma"],
                       audiences: ["bakery", "startup", "podcast", "coffee shop", "charity", "bookshop", "yoga studio", "family business"],
                       tags: ["logo", "branding", "illustration", "figma", "packaging", "typography", "ui design", "print"],
                       process: ["I start with a short questionnaire and a mood board", "You get three first concepts and we refine the one you like",
                                 "Every file comes in vector and high-resolution formats"]),
        "writing": Bank(verbs: ["write", "edit", "proofread", "translate", "rewrite"],
                        services: ["a plain-English blog post#blog", "website copy that sells#copywriting", "your CV and cover letter#cv", "a grant application#grant writing", "product descriptions#copywriting", "a technical user guide#technical writing", "a newsletter series#newsletter", "an about page#copywriting"],
                        audiences: ["nonprofit", "software company", "online shop", "researcher", "job seeker", "local council", "museum", "clinic"],
                        tags: ["copywriting", "blog", "editing", "proofreading", "translation", "cv", "grant writing", "seo"],
                        process: ["I read your material first and ask the questions a reader would", "Drafts come with tracked changes and notes",
                                  "I keep your voice and cut what the reader does not need"]),
        "development": Bank(verbs: ["build", "fix", "develop", "speed up", "set up"],
                            services: ["a fast WordPress site#wordpress", "a Swift iOS app#swift", "a REST API in Go#api", "your Shopify store#shopify", "a data import script#python", "a React dashboard#react", "automated tests for your code#testing", "a PostgreSQL schema#postgresql"],
                            audiences: ["startup", "restaurant", "agency", "school", "shop", "research lab", "sports club", "consultancy"],
                            tags: ["wordpress", "swift", "react", "python", "api", "postgresql", "shopify", "testing"],
                            process: ["I work in small steps and show progress every day", "You get the source code, tests and a short handover note",
                                      "Before I start, we agree on what done looks like"]),
        "marketing": Bank(verbs: ["plan", "run", "grow", "audit", "manage"],
                          services: ["your social media calendar#social media", "a local SEO audit#seo", "an email campaign#email marketing", "a launch plan#strategy", "Google Ads for a month#ads", "an Instagram strategy#instagram", "a content plan for LinkedIn#linkedin", "a customer survey#research"],
                          audiences: ["salon", "dentist", "craft brewery", "online course", "bakery", "architect", "gym", "florist"],
                          tags: ["seo", "social media", "email marketing", "instagram", "ads", "strategy", "linkedin", "analytics"],
                          process: ["I start from your numbers, not from a template", "Every week you get a short report in plain words",
                                    "We set one clear goal and measure it"]),
        "video": Bank(verbs: ["edit", "film", "animate", "subtitle", "cut"],
                      services: ["a YouTube video#youtube", "a wedding highlight film#wedding", "an explainer animation#animation", "a product demo video#product video", "short clips for reels#reels", "a documentary trailer#trailer", "a training video#training", "a music video#music video"],
                      audiences: ["channel", "couple", "startup", "band", "charity", "teacher", "brand", "festival"],
                      tags: ["video editing", "animation", "youtube", "subtitles", "motion graphics", "color grading", "reels", "after effects"],
                      process: ["Send me your footage and a rough idea of the story", "You see a first cut within days and can ask for changes",
                                "I deliver in the formats each platform wants"]),
        "music": Bank(verbs: ["mix", "master", "compose", "record", "produce"],
                      services: ["your song#mixing", "a podcast intro jingle#podcast", "an original film score#film score", "a guitar track#guitar", "vocals for your demo#vocals", "a lo-fi beat#beats", "a radio-ready master#mastering", "sound design for a game#sound design"],
                      audiences: ["band", "podcast", "indie game", "short film", "singer", "choir", "theatre", "advert"],
                      tags: ["mixing", "mastering", "composition", "podcast", "guitar", "vocals", "sound design", "beats"],
                      process: ["I listen to your references before touching a fader", "Each revision comes with notes on what changed",
                                "You get stems and a final master at the loudness you need"]),
        "business": Bank(verbs: ["prepare", "review", "write", "organise", "model"],
                         services: ["your bookkeeping#bookkeeping", "a business plan#business plan", "a cash-flow forecast#forecast", "your tax return#tax", "an investor pitch#pitch deck", "a pricing review#pricing", "contract templates#contracts", "a market study#market research"],
                         audiences: ["freelancer", "small business", "cafe", "startup", "co-operative", "charity", "shop", "studio"],
                         tags: ["bookkeeping", "business plan", "tax", "finance", "excel", "pricing", "contracts", "research"],
                         process: ["I ask for your numbers in whatever form you have them", "You get a clear summary with the detail behind it",
                                   "I explain every assumption so you can change it later"]),
        "data": Bank(verbs: ["analyse", "clean", "visualise", "model", "automate"],
                     services: ["your spreadsheet data#excel", "a Power BI dashboard#power bi", "a survey analysis#statistics", "a sales forecast#forecast", "a web scraper#scraping", "a SQL report#sql", "a machine learning baseline#machine learning", "a Tableau workbook#tableau"],
                     audiences: ["sales team", "researcher", "nonprofit", "shop", "school", "clinic", "newsroom", "council"],
                     tags: ["excel", "python", "sql", "dashboard", "statistics", "tableau", "power bi", "scraping"],
                     process: ["I check the data for gaps before drawing conclusions", "You get the charts and the code that made them",
                               "Findings come in plain words with the caveats stated"]),
        "tutoring": Bank(verbs: ["teach", "tutor", "coach", "prepare", "help"],
                         services: ["GCSE maths#maths", "conversational Spanish#spanish", "A-level physics#physics", "piano for beginners#piano", "Python for beginners#python", "essay writing#essays", "IELTS speaking#ielts", "music theory#music theory"],
                         audiences: ["student", "adult learner", "child", "career changer", "retiree", "parent", "teenager", "beginner"],
                         tags: ["maths", "spanish", "physics", "piano", "python", "essays", "ielts", "exam prep"],
                         process: ["The first lesson finds where you are and where you want to be", "Each session ends with a short exercise",
                                   "I adapt the pace to you, not to a syllabus"]),
        "local-tasks": Bank(verbs: ["assemble", "repair", "clean", "help with", "tidy"],
                            services: ["flat-pack furniture#furniture assembly", "a leaking tap#plumbing", "your garden#gardening", "a house move#moving", "your gutters#gutters", "weekly errands#errands", "a dog walk#dog walking", "shelves and pictures#handyman"],
                            audiences: ["flat", "family", "office", "student house", "neighbour", "landlord", "shop", "elderly parent"],
                            tags: ["furniture assembly", "repairs", "gardening", "moving", "cleaning", "errands", "pet care", "handyman"],
                            process: ["I bring my own tools and clean up afterwards", "You get a fixed price before I start",
                                      "I send a photo when the job is done"]),
    ]

    static let packageNames = [["Basic"], ["Basic", "Standard"], ["Basic", "Standard", "Premium"], ["Starter", "Complete"], ["Single"], ["Quick", "Full", "Deluxe"]]

    static func create(in demo: DemoContext) async throws {
        let total = demo.gigCount
        let sellers = demo.members.compactMap(\.id)
        guard total > 0, !sellers.isEmpty else { return }
        let db = demo.db
        var rng = demo.rng
        defer { demo.rng = rng }

        // Sellers' records first (empty: orders and reviews fill them), with the day each joined.
        let statsProgress = demo.progress("sellers", total: sellers.count)
        let now = demo.realNow
        for (chunkIndex, chunk) in sellers.chunked(500).enumerated() {
            var records: [SellerStatsRecord] = []
            var joined: [(UUID, Date)] = []
            let existing = Set(try await SellerStatsRecord.query(on: db).filter(\.$id ~~ Array(chunk)).all().compactMap(\.id))
            for id in chunk {
                if existing.contains(id) { continue }
                // An empty record: every number in it comes from the orders, reviews and evaluations the later demo
                // steps run through the real workflows.
                let r = SellerStatsRecord(userID: id)
                r.ratingScore = RankingNormalisation.standard.bayesianStars(sum: 0, count: 0)
                // Newcomers joined in the last 60 days; the others up to four years ago.
                let experienced = Int.random(in: 0..<10, using: &rng) < 7
                let days = experienced ? Double.random(in: 60...1_500, using: &rng) : Double.random(in: 0...59, using: &rng)
                let joinedAt = now.addingTimeInterval(-days * 86_400)
                records.append(r)
                joined.append((id, joinedAt))
            }
            let batch = records, dates = joined
            try await WriteTransaction.run(on: db) { tx in
                if !batch.isEmpty { try await batch.create(on: tx) }
                for (id, date) in dates {
                    try await tx.sql.raw("UPDATE users SET created_at = \(bind: date) WHERE id = \(bind: id)").run()
                }
            }
            statsProgress.show(min(sellers.count, (chunkIndex + 1) * 500))
        }
        statsProgress.finish()

        let progress = demo.progress("gigs", total: total)
        let categories = CategoryTaxonomy.all
        var ids: [UUID] = []
        ids.reserveCapacity(total)
        var made = 0
        let perTransaction = 5_000, perStatement = 500
        while made < total {
            var gigs: [Gig] = []
            let count = min(perTransaction, total - made)
            for i in 0..<count {
                let category = categories[(made + i) % categories.count]
                let draft = makeDraft(category: category, rng: &rng)
                // A small share stays paused or in draft, as on a real marketplace.
                let roll = Int.random(in: 0..<100, using: &rng)
                let status: GigStatus = roll < 3 ? .paused : roll < 5 ? .draft : .published
                let gig = Gig(id: UUID(), sellerID: sellers.randomElement(using: &rng)!, draft: draft, status: status)
                gigs.append(gig)
                ids.append(gig.id!)
            }
            let batch = gigs
            try await WriteTransaction.run(on: db) { tx in
                for chunk in batch.chunked(perStatement) { try await Array(chunk).create(on: tx) }
            }
            made += count
            progress.show(made)
        }
        progress.finish()
        demo.created["gigs", default: []] += ids
    }

    static func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }

    static func makeDraft(category: Category, rng: inout SeededRandom) -> GigDraft {
        let bank = banks[category.slug] ?? banks["design"]!
        let verb = bank.verbs.randomElement(using: &rng)!
        let serviceAndTag = bank.services.randomElement(using: &rng)!.split(separator: "#").map(String.init)
        let service = serviceAndTag[0]
        let audience = bank.audiences.randomElement(using: &rng)!
        let adjectives = ["careful", "friendly", "fast", "thoughtful", "professional", "affordable", "honest", "detailed"]
        let title: String
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: title = service.contains(" for ") || service.contains("your") ? "I will \(verb) \(service)" : "I will \(verb) \(service) for your \(audience)"
        case 1: title = "\(adjectives.randomElement(using: &rng)!.capitalized) help: \(verb) \(service)"
        case 2: title = "\(verb.capitalized) \(service), made for \(article(audience)) \(audience)"
        default: title = "I will \(verb) \(service) in \(Int.random(in: 1...5, using: &rng)) days"
        }
        let steps = bank.process.shuffled(using: &rng)
        let description = [
            "Hello! I \(verb) \(service) for clients like \(article(audience)) \(audience), and I have done it for \(Int.random(in: 2...15, using: &rng)) years.",
            steps[0] + ".",
            steps[1] + ".",
            "Message me before ordering if you are not sure which package fits; I answer every question.",
        ].joined(separator: " ")
        var tags: [String] = [serviceAndTag[1]]
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            let t = bank.tags.randomElement(using: &rng)!
            if !tags.contains(t) { tags.append(t) }
        }
        let names = packageNames.randomElement(using: &rng)!
        var price = Int64.random(in: 10...150, using: &rng) * 100
        var days = Int.random(in: 1...7, using: &rng)
        let packages = names.enumerated().map { i, name -> PackageDraft in
            defer { price = price * 2 + Int64.random(in: 0...20, using: &rng) * 100; days += Int.random(in: 1...5, using: &rng) }
            return PackageDraft(name: name, priceCents: min(price, 1_000_000), deliveryDays: min(days, 90), revisions: min(10, i + 1),
                                includes: ["Source files", "Commercial use", "A short call to start", "Two rounds of changes"].prefix(i + 2).map { $0 })
        }
        let subcategory = category.subcategories.randomElement(using: &rng)?.slug
        let draft = GigDraft(title: String(title.prefix(80)), description: description, category: category.slug,
                             subcategory: subcategory, tags: tags, packages: packages)
        return (try? GigRules.validate(draft)) ?? draft
    }
}
