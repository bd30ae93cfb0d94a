// `guild search-bench --gigs 10000,100000,1000000`: the search engine alone, without HTTP or a database, over catalogues
// made the way `guild demo` makes gigs (`DemoGigs.makeDraft`, sellers with random records). For each size it prints how
// long building the index took, the memory it holds, and each query class's median and 99th-percentile time over a set
// of distinct queries (the classes of bench/search.py): the engine's scale curve, 1,000,000 gigs included.
import Vapor
import GuildCore

struct SearchBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "gigs", help: "Catalogue sizes, comma-separated (default 10000,100000,1000000)") var gigs: String?
        @Option(name: "rounds", help: "Times each query runs after one warm-up (default 5)") var rounds: Int?
        @Flag(name: "unordered", help: "Add the gigs one by one (no best-standing-first order, so no early stop), to compare") var unordered: Bool
    }

    var help: String { "Time the search engine alone at several catalogue sizes (bench/search.sh prints it with the HTTP figures)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let sizes = (signature.gigs ?? "10000,100000,1000000").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ (1...2_000_000).contains($0) }) else {
            throw GuildCommandError("--gigs must list sizes between 1 and 2,000,000")
        }
        let rounds = max(1, signature.rounds ?? 5)
        let classes = Self.queries()
        var rows: [(size: Int, build: Double, memory: Double, times: [String: (p50: Double, p99: Double, mean: Double, scored: Double)])] = []
        for size in sizes {
            let before = Self.residentMiB()
            let started = DispatchTime.now().uptimeNanoseconds
            var engine = Self.catalogue(size, day: GigSearch.rankingDay(), ordered: !signature.unordered)
            engine.prepareForSearch()
            let build = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let memory = Self.residentMiB() - before
            let day = engine.preparedDay!
            var times: [String: (p50: Double, p99: Double, mean: Double, scored: Double)] = [:]
            for (name, queries) in classes {
                var samples: [Double] = []
                var scored = 0
                for query in queries {
                    let request = try SearchRequest.parse(query)
                    _ = engine.search(request, day: day)
                    for _ in 0..<rounds {
                        let t = DispatchTime.now().uptimeNanoseconds
                        let page = engine.search(request, day: day)
                        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
                        precondition(page.hits.count <= request.filters.limit)
                        scored += page.scored
                    }
                }
                let mean = samples.reduce(0, +) / Double(samples.count)
                samples.sort()
                times[name] = (samples[samples.count / 2], samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))], mean,
                               Double(scored) / Double(samples.count))
            }
            context.console.print("SEARCH-BENCH \(size) gigs: index built in \(String(format: "%.1f", build)) s, about \(Int(memory)) MiB")
            for (name, _) in classes {
                let t = times[name]!
                context.console.print("SEARCH-BENCH   \(name): p50 \(String(format: "%.3f", t.p50)) ms, p99 \(String(format: "%.3f", t.p99)) ms, "
                                      + "mean \(String(format: "%.3f", t.mean)) ms, \(Int(t.scored.rounded())) gigs scored on average")
            }
            rows.append((size, build, memory, times))
            engine = SearchEngine()
        }
        // One markdown table for bench/RESULTS.md.
        var table = "| class | " + rows.map { "\($0.size.formatted()) gigs: p50 / p99 / mean ms (gigs scored)" }.joined(separator: " | ") + " |\n"
        table += "| --- |" + String(repeating: " ---: |", count: rows.count) + "\n"
        for (name, _) in classes {
            table += "| \(name) | " + rows.map { String(format: "%.3f / %.3f / %.3f (%.0f)", $0.times[name]!.p50, $0.times[name]!.p99, $0.times[name]!.mean, $0.times[name]!.scored) }.joined(separator: " | ") + " |\n"
        }
        table += "| building the index (s) | " + rows.map { String(format: "%.1f", $0.build) }.joined(separator: " | ") + " |\n"
        table += "| memory held (MiB, resident growth) | " + rows.map { "\(Int($0.memory))" }.joined(separator: " | ") + " |\n"
        context.console.print("SEARCH-BENCH-TABLE\n" + table)
    }

    /// Demo-made gigs from one seller in twenty, each seller with a random record and join date.
    static func catalogue(_ size: Int, day: Date, ordered: Bool = true) -> SearchEngine {
        var rng = SeededRandom(seed: 7)
        var engine = SearchEngine()
        engine.prepare(day: day)  // as the server's index is
        let categories = CategoryTaxonomy.all
        let sellers = max(1, size / 20)
        let now = Date()
        var sellerIDs: [UUID] = []
        for i in 0..<sellers {
            let id = UUID()
            let count = Int.random(in: 0...40, using: &rng)
            let delivered = Int.random(in: 0...40, using: &rng)
            engine.upsert(seller: SearchSeller(
                id: id, displayName: "Seller \(i)", joinedAt: now.addingTimeInterval(-Double.random(in: 0...(400 * 86_400), using: &rng)),
                level: "new", ratingSum: count == 0 ? 0 : Int.random(in: count...(5 * count), using: &rng), ratingCount: count,
                onTimeDelivered: Int.random(in: 0...delivered, using: &rng), deliveredTotal: delivered,
                medianResponseHours: Bool.random(using: &rng) ? nil : Double.random(in: 0...80, using: &rng), isPro: Int.random(in: 0..<10, using: &rng) == 0))
            sellerIDs.append(id)
        }
        var gigs: [SearchDocument] = []
        gigs.reserveCapacity(size)
        for i in 0..<size {
            let category = categories[i % categories.count]
            let draft = DemoGigs.makeDraft(category: category, rng: &rng)
            gigs.append(SearchDocument(
                id: UUID(), sellerId: sellerIDs[Int.random(in: 0..<sellers, using: &rng)], title: draft.title, tags: draft.tags,
                description: draft.description, category: draft.category, subcategory: draft.subcategory,
                startingPriceCents: draft.packages.map(\.priceCents).min() ?? 0, fastestDeliveryDays: draft.packages.map(\.deliveryDays).min() ?? 1,
                createdMs: Int64(now.timeIntervalSince1970 * 1000) - Int64(i) * 1_000))
        }
        if ordered { engine.upsert(gigs: gigs) } else { for g in gigs { engine.upsert(gig: g) } }
        return engine
    }

    /// At least 200 distinct queries per class, from the demo's own words (the classes of bench/search.py).
    static func queries() -> [(String, [[String: String]])] {
        var words: [String] = []
        var byCategory: [(String, [String])] = []
        for (slug, bank) in DemoGigs.banks.sorted(by: { $0.key < $1.key }) {
            var mine: [String] = []
            for phrase in bank.verbs + bank.tags + bank.audiences {
                for w in SearchText.words(phrase) where w.count >= 3 && !mine.contains(w) { mine.append(w) }
            }
            byCategory.append((slug, mine))
            for w in mine where !words.contains(w) { words.append(w) }
        }
        func grow(_ base: [[String: String]]) -> [[String: String]] {
            // pages 2 and 3 are reached by smaller limits, so every class has at least 200 distinct queries
            var out = base
            var limit = 19
            while out.count < 200 && limit > 10 { out += base.map { var q = $0; q["limit"] = String(limit); return q }; limit -= 1 }
            return out
        }
        let one = grow(words.map { ["q": $0] })
        var two: [[String: String]] = []
        for (_, ws) in byCategory { for (i, a) in ws.enumerated() { for b in ws.dropFirst(i + 1).prefix(2) { two.append(["q": "\(a) \(b)"]) } } }
        var prefixes: [String] = []
        for w in words { for n in [3, 4] where w.count > n { let p = String(w.prefix(n)); if !prefixes.contains(p) { prefixes.append(p) } } }
        var filtered: [[String: String]] = []
        for (slug, ws) in byCategory { for (i, w) in ws.enumerated() { filtered.append(["q": w, "category": slug, "maxPriceCents": String((3 + i % 8) * 1_000)]) } }
        var browse: [[String: String]] = []
        for (slug, _) in byCategory {
            for days in [nil, 1, 2, 3, 4, 5, 6, 7] as [Int?] {
                for price in [nil, 5_000, 20_000] as [Int?] {
                    var q = ["category": slug, "sort": "newest"]
                    if let days { q["maxDeliveryDays"] = String(days) }
                    if let price { q["maxPriceCents"] = String(price) }
                    browse.append(q)
                }
            }
        }
        return [("q=design (one term)", one), ("two terms", grow(two)), ("prefix (q=des)", grow(prefixes.map { ["q": $0] })),
                ("filters + price", grow(filtered)), ("sort=price", grow(words.map { ["q": $0, "sort": "price"] })),
                ("browse: category, newest", grow(browse)), ("browse: best match, no words", grow(byCategory.map { ["category": $0.0] }))]
    }

    static func residentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
