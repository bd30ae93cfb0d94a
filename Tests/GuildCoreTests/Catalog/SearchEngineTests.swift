import Foundation
import Testing
@testable import GuildCore

@Suite struct SearchEngineTests {
    static let day = Date(timeIntervalSince1970: 1_780_000_000 - 1_780_000_000.truncatingRemainder(dividingBy: 86_400))

    func uuid(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    func doc(_ n: Int, seller: Int = 1, title: String, tags: [String] = [], description: String = "", category: String = "design",
             price: Int64 = 1_000, days: Int = 3, created: Int64? = nil) -> SearchDocument {
        SearchDocument(id: uuid(n), sellerId: uuid(900 + seller), title: title, tags: tags, description: description, category: category,
                       subcategory: nil, startingPriceCents: price, fastestDeliveryDays: days, createdMs: created ?? Int64(n) * 1_000)
    }

    func engine(_ docs: [SearchDocument], sellers: Int = 1) -> SearchEngine {
        var e = SearchEngine()
        for s in 1...sellers {
            e.upsert(seller: .newcomer(id: uuid(900 + s), displayName: "Seller \(s)", joinedAt: Self.day.addingTimeInterval(-100 * 86_400)))
        }
        for d in docs { e.upsert(gig: d) }
        e.prepareForSearch()
        return e
    }

    func search(_ e: SearchEngine, _ q: String, _ extra: [String: String] = [:]) throws -> SearchPage {
        var parameters = extra
        parameters["q"] = q
        return e.search(try SearchRequest.parse(parameters), day: Self.day)
    }

    @Test func textIsFoldedTheSameWayForGigsAndSearches() {
        #expect(SearchText.words("Café LOGO, re-design!") == ["cafe", "logo", "re", "design"])
        #expect(SearchText.words("ﬁnal Ｗｅｂ naïve") == ["final", "web", "naive"])
        #expect(SearchText.fold("café") == "cafe")
        #expect(SearchText.words("") == [])
        #expect(SearchText.words("über-straße 42") == ["uber", "straße", "42"])
    }

    @Test func bm25IsFTS5sFormulaWithItsColumnWeights() throws {
        // three gigs: the word once in a title, once in a description, and not at all
        let e = engine([
            doc(1, title: "mosaic tiles", description: "bright work"),
            doc(2, title: "garden wall", description: "a mosaic for you"),
            doc(3, title: "plain shelf", description: "oak"),
        ])
        let page = try search(e, "mosaic")
        #expect(page.hits.map(\.document.id) == [uuid(1), uuid(2)])
        let n = 3.0, hits = 2.0
        let idf = max(log((n - hits + 0.5) / (hits + 0.5)), 1e-6)
        let avg = (4.0 + 6.0 + 3.0) / 3
        func bm25(_ f: Double, _ length: Double) -> Double {
            -(idf * (f * 2.2) / (f + 1.2 * (1 - 0.75 + 0.75 * length / avg)))
        }
        #expect(abs(page.hits[0].rawRelevance - bm25(10, 4)) < 1e-12)  // a title word counts 10 times
        #expect(abs(page.hits[1].rawRelevance - bm25(1, 6)) < 1e-12)
        // the score shown is the published formula's, with the text factor from that raw score
        for hit in page.hits {
            let text = try #require(hit.score.factors.first { $0.key == "textRelevance" })
            #expect(text.value == Ranking.relevance(raw: hit.rawRelevance, scale: .bm25))
            #expect(hit.score.score == hit.rankKey)
        }
    }

    @Test func everyWordMustMatchAndTheLastIsAPrefix() throws {
        let e = engine([
            doc(1, title: "logo design", tags: ["brand"]),
            doc(2, title: "desk repair"),
            doc(3, title: "logo sketch"),
            doc(4, title: "designer desk"),
        ])
        #expect(Set(try search(e, "logo").hits.map(\.document.id)) == [uuid(1), uuid(3)])
        #expect(Set(try search(e, "des").hits.map(\.document.id)) == [uuid(1), uuid(2), uuid(4)])
        #expect(try search(e, "logo des").hits.map(\.document.id) == [uuid(1)])
        #expect(try search(e, "de").hits.isEmpty)  // two letters are a whole word, not a prefix
        #expect(try search(e, "logo zebra").hits.isEmpty)
        // a prefix phrase adds its words' frequencies in one gig, as FTS5 counts a prefix phrase
        let both = try search(e, "des").hits.first { $0.document.id == uuid(4) }!
        let one = try search(e, "des").hits.first { $0.document.id == uuid(2) }!
        #expect(both.rawRelevance < one.rawRelevance)
    }

    @Test func removedAndReplacedGigsLeaveNoTrace() throws {
        var docs: [SearchDocument] = []
        for i in 0..<1_500 { docs.append(doc(i, title: i % 2 == 0 ? "amber \(i)" : "basalt \(i)", price: Int64(1_000 + i % 7 * 100))) }
        var e = engine(docs)
        for i in 0..<1_300 { e.remove(gig: uuid(i)) }  // past the compaction point
        e.upsert(gig: doc(1_400, title: "cobalt now"))  // replaced: its old words are gone
        e.prepareForSearch()
        #expect(e.figures.listedGigs == 200)
        #expect(e.figures.postings == 200 * 2)  // only what is listed: two words each
        #expect(try search(e, "basalt").hits.count == 20)
        var seen: [UUID] = []
        var cursor: String?
        repeat {
            var extra = ["sort": "price", "limit": "7"]
            if let c = cursor { extra["cursor"] = c }
            let page = try search(e, "basalt", extra)
            seen += page.hits.map(\.document.id)
            cursor = page.next?.encoded()
        } while cursor != nil
        #expect(seen.count == 100 && Set(seen).count == 100)  // the odd numbers from 1,301 to 1,499
        #expect(!seen.contains(uuid(1_400)))
        #expect(try search(e, "cobalt").hits.map(\.document.id) == [uuid(1_400)])
        #expect(try search(e, "amber").hits.allSatisfy { $0.document.id != uuid(1_400) })
    }

    /// The filters read a small copy of each gig's price, category and delivery days; a value too large for it is read
    /// from the gig itself. Every filter, before and after a compaction, against checking each gig by hand.
    @Test func filtersAnswerAsCheckingEveryGigWouldAfterACompactionAndForHugeValues() throws {
        var rng = SystemRandomNumberGenerator()
        var docs: [SearchDocument] = []
        let categories = ["design", "writing", "music"]
        for i in 0..<2_400 {
            let huge = i % 97 == 0
            docs.append(doc(i, seller: 1 + i % 5, title: "amber \(i)", category: categories[i % 3],
                            price: huge ? 5_000_000_000 + Int64(i) : Int64.random(in: 500...20_000, using: &rng),
                            days: huge ? 70_000 : Int.random(in: 1...30, using: &rng)))
        }
        var e = engine(docs, sellers: 5)
        func check(_ label: String) throws {
            let live = docs.filter { e.contains(gig: $0.id) }
            for (price, days, category) in [(Int64(4_000), 7, "writing"), (6_000_000_000, 90, "design"), (20_000, 30, "music"), (900, 1, "design")] {
                for (q, sort) in [("amber", "relevance"), ("", "price"), ("amber", "newest"), ("", "relevance")] {
                    var seen: [UUID] = []
                    var cursor: String?
                    repeat {
                        var extra = ["sort": sort, "limit": "50", "maxPriceCents": String(price), "category": category,
                                     "maxDeliveryDays": String(days)]
                        if let cursor { extra["cursor"] = cursor }
                        let page = try search(e, q, extra)
                        seen += page.hits.map(\.document.id)
                        cursor = page.next?.encoded()
                    } while cursor != nil
                    let expected = live.filter {
                        $0.startingPriceCents <= price && $0.category == category && $0.fastestDeliveryDays <= days
                    }
                    // relevance pages through its best `relevanceCandidates`; the other sorts through every match
                    let wanted = sort == "relevance" ? min(expected.count, SearchEngine.relevanceCandidates) : expected.count
                    let allowed = Set(expected.map(\.id))
                    #expect(seen.count == wanted && Set(seen).count == wanted && seen.allSatisfy(allowed.contains),
                            "\(label) \(q) \(sort) \(price) \(days) \(category): \(seen.count) of \(expected.count)")
                }
            }
        }
        try check("loaded")
        for i in stride(from: 0, to: 2_400, by: 3) { e.remove(gig: uuid(i)) }
        for i in 0..<2_400 where i % 3 != 0 && (i % 4 == 0 || i % 5 == 0) { e.remove(gig: uuid(i)) }  // past the compaction point
        e.upsert(gig: doc(9_000, seller: 2, title: "amber late", category: "design", price: 4_294_967_295, days: 65_535))
        docs.append(doc(9_000, seller: 2, title: "amber late", category: "design", price: 4_294_967_295, days: 65_535))
        e.prepareForSearch()
        #expect(e.figures.listedGigs == 961)
        try check("compacted")
    }

    /// The drift from the order of the last load: gigs added since, and how far a standing rose.
    @Test func driftCountsWhatWasAddedSinceTheLoadInOrder() {
        var e = SearchEngine()
        e.upsert(seller: .newcomer(id: uuid(901), displayName: "Seller 1", joinedAt: Self.day.addingTimeInterval(-100 * 86_400)))
        e.prepare(day: Self.day)
        e.upsert(gigs: (0..<300).map { doc($0, title: "amber \($0)") })
        #expect(e.drift.added == 0 && e.drift.ordered == 300 && e.drift.rise == 0 && !e.hasDrifted)
        for i in 300..<359 { e.upsert(gig: doc(i, title: "basalt \(i)")) }
        #expect(e.drift.added == 59 && !e.hasDrifted)
        e.upsert(gig: doc(359, title: "basalt 359"))
        #expect(e.drift.added == 60 && e.hasDrifted)  // a fifth of the 300 loaded in order
        var f = SearchEngine()
        f.upsert(seller: .newcomer(id: uuid(901), displayName: "Seller 1", joinedAt: Self.day.addingTimeInterval(-100 * 86_400)))
        f.prepare(day: Self.day)
        f.upsert(gigs: (0..<10).map { doc($0, title: "amber \($0)") })
        for i in 10..<59 { f.upsert(gig: doc(i, title: "cobalt \(i)")) }
        #expect(!f.hasDrifted)  // 49 added: fewer than 50
        f.upsert(gig: doc(59, title: "cobalt 59"))
        #expect(f.hasDrifted)
        // a record that lifts the seller's standing by more than 0.05
        var g = SearchEngine()
        g.upsert(seller: .newcomer(id: uuid(901), displayName: "Seller 1", joinedAt: Self.day.addingTimeInterval(-100 * 86_400)))
        g.prepare(day: Self.day)
        g.upsert(gigs: (0..<10).map { doc($0, title: "amber \($0)") })
        g.upsert(seller: SearchSeller(id: uuid(901), displayName: "Seller 1", joinedAt: Self.day.addingTimeInterval(-100 * 86_400), level: "new",
                                      ratingSum: 50, ratingCount: 10, onTimeDelivered: 10, deliveredTotal: 10, medianResponseHours: 1, isPro: false))
        #expect(g.drift.rise > 0.05 && g.hasDrifted)
    }

    @Test func browsingNewestAndCheapestWalksTheKeptOrderFromTheCursor() throws {
        var docs: [SearchDocument] = []
        for i in 0..<40 {
            docs.append(doc(i, seller: 1 + i % 3, title: "item \(i)", category: i % 2 == 0 ? "design" : "writing", price: Int64(1_000 + (i % 5) * 500),
                            days: 1 + i % 7, created: Int64(1_000 * (i / 2))))  // ties on time and price break on id
        }
        let e = engine(docs, sellers: 3)
        for sort in ["newest", "price"] {
            var seen: [SearchHit] = []
            var cursor: String?
            repeat {
                var extra = ["sort": sort, "limit": "6", "category": "design", "maxDeliveryDays": "5"]
                if let c = cursor { extra["cursor"] = c }
                let page = try search(e, "", extra)
                seen += page.hits
                cursor = page.next?.encoded()
            } while cursor != nil
            let want = docs.filter { $0.category == "design" && $0.fastestDeliveryDays <= 5 }.sorted { a, b in
                if sort == "newest" { return a.createdMs != b.createdMs ? a.createdMs > b.createdMs : SearchEngine.idLess(a.id, b.id) }
                return a.startingPriceCents != b.startingPriceCents ? a.startingPriceCents < b.startingPriceCents : SearchEngine.idLess(a.id, b.id)
            }
            #expect(seen.map(\.document.id) == want.map(\.id), "\(sort)")
        }
    }

    @Test func theBoundedHeapKeepsTheBestKInOrder() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let items = (0..<Int.random(in: 0...400, using: &rng)).map { i in
                SearchEngine.Candidate(key: Double(Int.random(in: 0...30, using: &rng)), idHigh: UInt64.random(in: 0...3, using: &rng),
                                       idLow: UInt64(i), slot: Int32(i), raw: 0)
            }
            let k = Int.random(in: 1...60, using: &rng)
            var top = SearchEngine.TopK(k)
            for item in items { top.offer(item) }
            let want = items.sorted(by: SearchEngine.Candidate.before).prefix(k).map(\.slot)
            #expect(top.sorted().map(\.slot) == Array(want))
        }
    }

    @Test func cursorsWrittenDirectlyReadBackAsTheEncodersDo() throws {
        var rng = SystemRandomNumberGenerator()
        for i in 0..<300 {
            let value: CursorValue = i % 2 == 0 ? .double(Double.random(in: -3...3, using: &rng) * (i % 3 == 0 ? 1e-7 : 1))
                : .int(Int64.random(in: 0...2_000_000_000_000, using: &rng))
            let sort: SearchSort = i % 2 == 0 ? [.relevance, .rating][i % 4 / 2] : [.price, .newest][i % 4 / 2 == 0 ? 0 : 1]
            let cursor = SearchCursor(sort: sort, value: value, id: UUID())
            let direct = cursor.encoded()
            #expect(try SearchCursor.decode(direct, for: sort) == cursor)
            #expect(try SearchCursor.decode(cursor.encodedThroughJSONEncoder(), for: sort) == cursor)
            // read directly, as the general decoder reads it
            let json = try #require(SearchCursor.bytes(base64URL: direct))
            #expect(SearchCursor.direct(json) == cursor)
            #expect(try SearchCursor.decodedThroughJSONDecoder(Data(json)) == cursor)
        }
        // base64url both ways, against Foundation's base64 with the URL alphabet and no padding
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let foundation = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(SearchCursor.base64URL(bytes) == foundation)
            #expect(SearchCursor.bytes(base64URL: foundation) == bytes)
        }
        // and what is not a cursor is refused with a reason, never read as one
        for bad in ["A", "AB", "ABC", "A*CD", "eyJpZCI6IjEifQ", SearchCursor.base64URL(Array("{\"id\":\"x\"}".utf8)),
                    SearchCursor.base64URL(Array("{\"id\":\"00000000-0000-0000-0000-000000000001\",\"sortKey\":\"price\",\"value\":{\"i\":1e400}}".utf8))] {
            #expect(throws: MalformedCursorError.self, "\(bad)") { try SearchCursor.decode(bad, for: .price) }
        }
        // a cursor the direct reader does not take (another shape) still reads through the general decoder
        let spaced = SearchCursor.base64URL(Array("{ \"sortKey\": \"price\", \"id\": \"00000000-0000-0000-0000-000000000001\", \"value\": {\"i\": 42} }".utf8))
        #expect(try SearchCursor.decode(spaced, for: .price) == SearchCursor(sort: .price, value: .int(42), id: uuid(1)))
    }

    @Test func passingOverGigsThatCannotEnterChangesNoResult() throws {
        // 1,500 gigs of 60 sellers with very different records: past 200 matches, the prepared engine passes over gigs
        // whose seller's standing cannot reach the best 200; it must answer exactly as the engine that scores them all.
        var rng = SystemRandomNumberGenerator()
        var plain = SearchEngine()
        for s in 0..<60 {
            let count = Int.random(in: 0...50, using: &rng)
            plain.upsert(seller: SearchSeller(id: uuid(900 + s), displayName: "Seller \(s)",
                                              joinedAt: Self.day.addingTimeInterval(-Double.random(in: 0...(90 * 86_400), using: &rng)), level: "new",
                                              ratingSum: count == 0 ? 0 : Int.random(in: count...(5 * count), using: &rng), ratingCount: count,
                                              onTimeDelivered: 0, deliveredTotal: Int.random(in: 0...5, using: &rng),
                                              medianResponseHours: Bool.random(using: &rng) ? nil : Double.random(in: 0...80, using: &rng), isPro: false))
        }
        let words = ["amber", "basalt", "cobalt", "dune"]
        for i in 0..<1_500 {
            let title = words.filter { _ in Bool.random(using: &rng) }.joined(separator: " ") + " piece"
            plain.upsert(gig: SearchDocument(id: uuid(i), sellerId: uuid(900 + Int.random(in: 0..<60, using: &rng)), title: title,
                                             tags: [words.randomElement(using: &rng)!], description: String(repeating: "word ", count: Int.random(in: 1...40, using: &rng)),
                                             category: "design", subcategory: nil, startingPriceCents: 1_000, fastestDeliveryDays: 3, createdMs: Int64(i)))
        }
        plain.prepareForSearch()
        var prepared = plain
        prepared.prepare(day: Self.day)
        for q in ["amber", "basalt cobalt", "dun", "piece", ""] {
            var cursor: String?
            var pages = 0
            repeat {
                var parameters = ["q": q, "limit": "50", "explain": "true"]
                if let cursor { parameters["cursor"] = cursor }
                let request = try SearchRequest.parse(parameters)
                let a = plain.search(request, day: Self.day), b = prepared.search(request, day: Self.day)
                #expect(a.hits.map(\.document.id) == b.hits.map(\.document.id), "q=\(q) page \(pages)")
                #expect(a.hits.map(\.rankKey) == b.hits.map(\.rankKey), "q=\(q) page \(pages)")
                #expect(a.next == b.next)
                cursor = b.next?.encoded()
                pages += 1
            } while cursor != nil
            if q == "piece" || q.isEmpty { #expect(pages == 4) }  // every gig matches: the best 200, 50 a page
        }
    }

    /// Sellers with widely different records, and gigs whose words overlap, for the early-stop tests.
    func spreadCatalogue(gigs: Int, sellers: Int, rng: inout some RandomNumberGenerator, from first: Int = 0) -> (sellers: [SearchSeller], gigs: [SearchDocument]) {
        var out: [SearchSeller] = []
        for s in 0..<sellers {
            let count = Int.random(in: 0...50, using: &rng)
            let delivered = Int.random(in: 0...30, using: &rng)
            out.append(SearchSeller(id: uuid(900_000 + s), displayName: s % 7 == 0 ? "Amber Studio \(s)" : "Seller \(s)",
                                    joinedAt: Self.day.addingTimeInterval(-Double.random(in: 0...(90 * 86_400), using: &rng)), level: "new",
                                    ratingSum: count == 0 ? 0 : Int.random(in: count...(5 * count), using: &rng), ratingCount: count,
                                    onTimeDelivered: Int.random(in: 0...delivered, using: &rng), deliveredTotal: delivered,
                                    medianResponseHours: Bool.random(using: &rng) ? nil : Double.random(in: 0...80, using: &rng),
                                    isPro: Int.random(in: 0..<5, using: &rng) == 0))
        }
        let words = ["amber", "basalt", "cobalt", "dune", "design", "designs", "designer", "desk"]
        var docs: [SearchDocument] = []
        for i in first..<(first + gigs) {
            let title = words.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }.joined(separator: " ") + " piece"
            docs.append(SearchDocument(id: uuid(i), sellerId: uuid(900_000 + Int.random(in: 0..<sellers, using: &rng)), title: title,
                                       tags: [words.randomElement(using: &rng)!],
                                       description: String(repeating: "word ", count: Int.random(in: 1...40, using: &rng)) + (Bool.random(using: &rng) ? "designing" : ""),
                                       category: ["design", "writing"][i % 2], subcategory: nil, startingPriceCents: Int64(Int.random(in: 5...50, using: &rng)) * 100,
                                       fastestDeliveryDays: 3, createdMs: Int64(i)))
        }
        return (out, docs)
    }

    /// Every page of a query on two engines, compared; returns how many gigs each scored in all.
    func comparePages(_ exact: SearchEngine, _ fast: SearchEngine, _ parameters: [String: String]) throws -> (exact: Int, fast: Int) {
        var cursor: String?
        var pages = 0, scoredExact = 0, scoredFast = 0
        repeat {
            var p = parameters
            p["limit"] = "50"
            if let cursor { p["cursor"] = cursor }
            let request = try SearchRequest.parse(p)
            let a = exact.search(request, day: Self.day), b = fast.search(request, day: Self.day)
            #expect(a.hits.map(\.document.id) == b.hits.map(\.document.id), "\(parameters) page \(pages)")
            #expect(a.hits.map(\.rankKey) == b.hits.map(\.rankKey), "\(parameters) page \(pages)")
            #expect(a.hits.map(\.afterSellerLimit) == b.hits.map(\.afterSellerLimit), "\(parameters) page \(pages)")
            #expect(a.next == b.next, "\(parameters) page \(pages)")
            scoredExact += a.scored
            scoredFast += b.scored
            cursor = b.next?.encoded()
            pages += 1
        } while cursor != nil && pages < 10
        return (scoredExact, scoredFast)
    }

    @Test func gigsAddedBestStandingFirstStopScansEarlyAndAnswerExactlyTheSame() throws {
        // The exact engine scores every match (its gigs are added one by one and its day is not prepared); the fast one is
        // loaded as the server loads it: the day prepared, then every gig at once, best-standing seller first. Then both
        // take the same changes: records that rise (the fast engine's bound loosens), new gigs, removals, a compaction.
        var rng = SystemRandomNumberGenerator()
        let (sellers, gigs) = spreadCatalogue(gigs: 3_000, sellers: 150, rng: &rng)
        var exact = SearchEngine(), fast = SearchEngine()
        for s in sellers { exact.upsert(seller: s); fast.upsert(seller: s) }
        for g in gigs { exact.upsert(gig: g) }
        fast.prepare(day: Self.day)
        fast.upsert(gigs: gigs)
        exact.prepareForSearch()
        fast.prepareForSearch()
        let queries: [[String: String]] = [
            ["q": "piece"], ["q": "amber"], ["q": "amber cobalt"], ["q": "desig"], ["q": "design"], ["q": "word des"], ["q": ""],
            ["q": "piece", "category": "writing"], ["q": "piece", "maxPriceCents": "2000"], ["q": "amber", "minRating": "3"],
            ["q": "amber studio"], ["q": "piece", "sort": "price"], ["q": "", "sort": "newest"],
        ]
        var scored = (exact: 0, fast: 0)
        for q in queries {
            let s = try comparePages(exact, fast, q)
            scored.exact += s.exact
            scored.fast += s.fast
        }
        // the early stop must have done something: far fewer gigs scored for the same pages
        #expect(scored.fast * 2 < scored.exact, "scored \(scored.fast) of \(scored.exact)")

        for round in 0..<4 {
            // records change (some rise), gigs arrive, gigs go
            for s in sellers.shuffled(using: &rng).prefix(20) {
                var better = s
                better.ratingCount += 10
                better.ratingSum += round == 0 ? 50 : 10
                better.deliveredTotal += 5
                better.onTimeDelivered += 5
                exact.upsert(seller: better)
                fast.upsert(seller: better)
            }
            let (_, more) = spreadCatalogue(gigs: 200, sellers: 150, rng: &rng, from: 10_000 * (round + 1))
            for g in more { exact.upsert(gig: g); fast.upsert(gig: g) }
            let gone = gigs.shuffled(using: &rng).prefix(round == 3 ? 2_000 : 100)  // the last round's removals compact the index
            for g in gone { exact.remove(gig: g.id); fast.remove(gig: g.id) }
            exact.prepareForSearch()
            fast.prepareForSearch()
            for q in queries { _ = try comparePages(exact, fast, q) }
        }
    }

    @Test func aLongPrefixMergesTheListsOfEveryWordItStarts() throws {
        let others = (10..<20).map { doc($0, title: "other") }
        var e = engine([doc(1, title: "designer desk"), doc(2, title: "designs"), doc(3, title: "design design", description: "designer"),
                        doc(4, title: "desk"), doc(5, title: "designing"), doc(6, title: "other")] + others)
        e.remove(gig: uuid(5))
        let page = try search(e, "desig")
        #expect(Set(page.hits.map(\.document.id)) == [uuid(1), uuid(2), uuid(3)])
        // gig 3 holds the prefix three times (title twice, description once): weighted frequency 10 + 10 + 1, length 3;
        // 15 gigs listed with 18 words in all, 3 of them match
        let idf = log((15.0 - 3 + 0.5) / (3 + 0.5)), average = 18.0 / 15
        let strength = idf * (21 * (SearchEngine.k1 + 1)) / (21 + SearchEngine.k1 * (1 - SearchEngine.b + SearchEngine.b * 3 / average))
        let raw = try #require(page.hits.first { $0.document.id == uuid(3) }).rawRelevance
        #expect(abs(raw + strength) < 1e-12, "raw \(raw), expected \(-strength)")
        #expect(try search(e, "desk").hits.count == 2)
    }

    @Test func priceAndDateSortsOfCommonWordsWalkTheKeptOrder() throws {
        // Words most gigs hold, sorted by price or date, are served by walking the kept order: every page must be what
        // sorting every matching gig gives, with the text score the scan computes.
        var rng = SystemRandomNumberGenerator()
        let (sellers, gigs) = spreadCatalogue(gigs: 1_200, sellers: 40, rng: &rng)
        var e = SearchEngine()
        for s in sellers { e.upsert(seller: s) }
        for g in gigs { e.upsert(gig: g) }
        for g in gigs.prefix(100) { e.remove(gig: g.id) }
        e.prepareForSearch()
        let live = Array(gigs.dropFirst(100))
        func holds(_ d: SearchDocument, _ words: [String]) -> Bool {
            let all = SearchText.words(([d.title] + d.tags + [d.description]).joined(separator: " "))
            return words.enumerated().allSatisfy { i, w in i == words.count - 1 ? all.contains { $0.hasPrefix(w) } : all.contains(w) }
        }
        for (q, extra) in [("piece", [:]), ("word piece", [:]), ("piece", ["category": "writing"]), ("word", ["maxPriceCents": "2500"])] as [(String, [String: String])] {
            let matching = live.filter { holds($0, q.split(separator: " ").map(String.init)) }
                .filter { (d: SearchDocument) in extra["category"].map { d.category == $0 } ?? true }
                .filter { (d: SearchDocument) in extra["maxPriceCents"].map { d.startingPriceCents <= Int64($0)! } ?? true }
            #expect(matching.count * SearchEngine.denseShare >= live.count, "\(q) is common enough to walk")
            for sort in ["price", "newest"] {
                let expected: [UUID] = matching.sorted { (a: SearchDocument, b: SearchDocument) -> Bool in
                    if sort == "price", a.startingPriceCents != b.startingPriceCents { return a.startingPriceCents < b.startingPriceCents }
                    if sort == "newest", a.createdMs != b.createdMs { return a.createdMs > b.createdMs }
                    return SearchEngine.idLess(a.id, b.id)
                }.map { $0.id }
                var got: [UUID] = []
                var cursor: String?
                repeat {
                    var parameters = extra
                    parameters["q"] = q
                    parameters["sort"] = sort
                    parameters["limit"] = "50"
                    if let cursor { parameters["cursor"] = cursor }
                    let page = e.search(try SearchRequest.parse(parameters), day: Self.day)
                    got += page.hits.map(\.document.id)
                    // the text score shown is the one relevance gives the same gig
                    if let first = page.hits.first {
                        var relevanceParameters = extra
                        relevanceParameters["q"] = q
                        relevanceParameters["limit"] = "50"
                        let relevance = e.search(try SearchRequest.parse(relevanceParameters), day: Self.day)
                        if let same = relevance.hits.first(where: { $0.document.id == first.document.id }) {
                            #expect(same.rawRelevance == first.rawRelevance)
                        }
                    }
                    cursor = page.next?.encoded()
                } while cursor != nil && got.count < 200
                #expect(got == Array(expected.prefix(got.count)), "\(q) \(sort)")
                #expect(got.count == min(expected.count, 200) || got.count == expected.count, "\(q) \(sort): \(got.count) of \(expected.count)")
            }
        }
    }
}
