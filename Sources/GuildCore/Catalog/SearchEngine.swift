// Guild's own search engine: an inverted index over the listed gigs, held in memory, that finds, filters, scores with
// the published formula (`Ranking`) and pages with keyset cursors. The database stays the record; the app keeps this
// index in step with it through a change feed (GuildApp's `SearchReplica`).
import Foundation

/// How text becomes the words the index holds and a search looks for. Documents and queries go through the same
/// folding, so a search finds exactly the words it was given: lower case, compatibility forms folded (ﬁ → fi), accents
/// ignored (cafe finds café), anything that is not a letter or a digit separates words.
public enum SearchText {
    /// The words of a text, in order, repeats kept (they count towards a word's frequency).
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(text) { out.append($0) }
        return out
    }

    /// One word of a query (already a whole word from `SearchQuery.parse`) in the index's form.
    public static func fold(_ word: String) -> String {
        var folded = ""
        forEachWord(word) { folded += $0 }
        return folded
    }

    /// Calls `body` with each word of `text`. Plain ASCII (most text) is read byte by byte; anything else is
    /// decomposed (NFKD) so that accents become separate marks and are dropped.
    public static func forEachWord(_ text: String, _ body: (String) -> Void) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var current: [UInt8] = []
            current.reserveCapacity(16)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    current.append(byte + 32)
                default:
                    if !current.isEmpty { body(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
                }
            }
            if !current.isEmpty { body(String(decoding: current, as: UTF8.self)) }
            return
        }
        var current = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            case .nonspacingMark, .enclosingMark:
                continue  // an accent: ignored, and never a break inside a word
            case .spacingMark:
                if scalar.properties.isVariationSelector {
                    if !current.isEmpty { body(String(current)); current = String.UnicodeScalarView() }
                } else if !current.isEmpty {
                    current.append(scalar)
                }
            default:
                if !current.isEmpty { body(String(current)); current = String.UnicodeScalarView() }
            }
        }
        if !current.isEmpty { body(String(current)) }
    }
}

/// A listed gig as the index reads it.
public struct SearchDocument: Sendable, Equatable {
    public var id: UUID
    public var sellerId: UUID
    public var title: String
    public var tags: [String]
    public var description: String
    public var category: String
    public var subcategory: String?
    public var startingPriceCents: Int64
    public var fastestDeliveryDays: Int
    /// Creation time in whole milliseconds: what `sort=newest` orders by.
    public var createdMs: Int64

    public init(id: UUID, sellerId: UUID, title: String, tags: [String], description: String, category: String, subcategory: String?,
                startingPriceCents: Int64, fastestDeliveryDays: Int, createdMs: Int64) {
        self.id = id
        self.sellerId = sellerId
        self.title = title
        self.tags = tags
        self.description = description
        self.category = category
        self.subcategory = subcategory
        self.startingPriceCents = startingPriceCents
        self.fastestDeliveryDays = fastestDeliveryDays
        self.createdMs = createdMs
    }
}

/// A seller's public record as ranking and result cards read it.
public struct SearchSeller: Sendable, Equatable {
    public var id: UUID
    public var displayName: String
    /// When the seller joined (the newcomer factor); nil counts as the day of the search.
    public var joinedAt: Date?
    public var level: String
    public var ratingSum: Int
    public var ratingCount: Int
    public var onTimeDelivered: Int
    public var deliveredTotal: Int
    public var medianResponseHours: Double?
    public var isPro: Bool

    public init(id: UUID, displayName: String, joinedAt: Date?, level: String, ratingSum: Int, ratingCount: Int,
                onTimeDelivered: Int, deliveredTotal: Int, medianResponseHours: Double?, isPro: Bool) {
        self.id = id
        self.displayName = displayName
        self.joinedAt = joinedAt
        self.level = level
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
        self.onTimeDelivered = onTimeDelivered
        self.deliveredTotal = deliveredTotal
        self.medianResponseHours = medianResponseHours
        self.isPro = isPro
    }

    /// A seller with no record yet.
    public static func newcomer(id: UUID, displayName: String, joinedAt: Date?) -> SearchSeller {
        SearchSeller(id: id, displayName: displayName, joinedAt: joinedAt, level: "new", ratingSum: 0, ratingCount: 0,
                     onTimeDelivered: 0, deliveredTotal: 0, medianResponseHours: nil, isPro: false)
    }
}

/// One result: the gig, its seller, and where and why it ranks.
public struct SearchHit: Sendable {
    public let document: SearchDocument
    public let seller: SearchSeller
    /// The engine's bm25 score (negative; more negative is better); 0 without words.
    public let rawRelevance: Double
    /// `Ranking.score` over the seller's record, the text score and the newcomer factor.
    public let score: RankedScore
    /// Relevance only: the score, less 2 when the gig is beyond its seller's best `Ranking.sellerLimit` (see
    /// `Ranking.sellerLimitRule`). What relevance pages are ordered and paged by.
    public let rankKey: Double
    public let afterSellerLimit: Bool
    /// The plain average of the seller's reviews, nil before the first.
    public var averageRating: Double? { seller.ratingCount > 0 ? Double(seller.ratingSum) / Double(seller.ratingCount) : nil }
    /// The Bayesian-average stars `sort=rating` orders by.
    public let ratingScore: Double
}

public struct SearchPage: Sendable {
    public let hits: [SearchHit]
    /// The cursor for the next page, nil on the last.
    public let next: SearchCursor?
    /// How many matching gigs the scan scored (the engine's work, for tests and the benchmark).
    public var scored = 0

    init(hits: [SearchHit], next: SearchCursor?) {
        self.hits = hits
        self.next = next
    }
}

/// The engine's figures, for `/ranking` and the operator.
public struct SearchIndexFigures: Sendable, Equatable {
    public let listedGigs: Int
    public let sellers: Int
    public let words: Int
    public let postings: Int
}

/// The index. A value: copies share storage until one changes, so a search reads a snapshot while the next one is
/// made. Not thread-safe to mutate from two places at once; the app applies changes from one task at a time.
public struct SearchEngine: Sendable {
    /// Relevance ranks at most this many candidates: the best scores among every gig that matches the words and passes
    /// the filters (with no words, every listed gig that passes them). The other sorts page through every match.
    public static let relevanceCandidates = 200
    /// Sorted by price or date, words that one gig in this many (or more) holds are served by walking the kept order:
    /// the walk reads about `limit × denseShare` gigs at most, a scan every match (break-even near √(limit × gigs)).
    static let denseShare = 64
    /// FTS5's bm25 column weights, kept: a word in the title counts 10 times, in the tags 5 times, in the description once.
    public static let titleWeight: UInt32 = 10
    public static let tagsWeight: UInt32 = 5
    public static let descriptionWeight: UInt32 = 1
    /// bm25's usual constants.
    public static let k1 = 1.2
    public static let b = 0.75

    /// One gig in a word's list, with what scoring reads of the gig kept beside it, so a scan reads the list in order
    /// instead of reaching into the gigs for each match.
    struct Posting: Sendable {
        var slot: Int32
        var seller: Int32
        /// Weighted frequency: title × 10 + tags × 5 + description × 1.
        var frequency: UInt32
        /// The gig's length in words (bm25's document length).
        var length: UInt32
    }

    /// Prefix lists are kept for the lengths a search-as-you-type prefix usually has (as FTS5's `prefix='3 4'`); longer
    /// prefixes merge the lists of the words they start.
    static let indexedPrefixLengths = [3, 4]
    /// Marks a prefix list's key, so that it never meets a word.
    static let prefixMark = "\u{1}"

    /// What a scan reads for every candidate, kept small and together.
    struct Slot: Sendable {
        var id: UUID
        /// The id as two big-endian halves: byte order compared as two integers.
        var idHigh: UInt64
        var idLow: UInt64
        var seller: Int32
        var category: Int32
        var days: Int32
        var length: Int32
        var price: Int64
        var createdMs: Int64
    }

    /// What the filters read of a gig, 8 bytes beside `slots`' 64: a filtered scan reads one for every match, and a small
    /// array stays in the processor's cache where the slots do not. A value that does not fit is kept as the type's
    /// largest, which sends the check to the slot itself.
    struct Facts: Sendable {
        var price: UInt32
        var category: UInt16
        var days: UInt16

        init(_ slot: Slot) {
            price = slot.price >= 0 && slot.price < Int64(UInt32.max) ? UInt32(slot.price) : .max
            category = slot.category >= 0 && slot.category < Int32(UInt16.max) ? UInt16(slot.category) : .max
            days = slot.days >= 0 && slot.days < Int32(UInt16.max) ? UInt16(slot.days) : .max
        }

        var exact: Bool { price != .max && category != .max && days != .max }
    }

    struct SellerEntry: Sendable {
        var seller: SearchSeller
        var nameWords: Set<String>
    }

    /// What a scan reads of a seller, without references (no counting on the hot path).
    struct SellerHot: Sendable {
        /// Weighted rating, on-time and responsiveness parts under `weights`, each as `Ranking.score` adds them.
        var ratingPart = 0.0
        var onTimePart = 0.0
        var responsivenessPart = 0.0
        /// When the seller joined, as `Date.timeIntervalSinceReferenceDate`; NaN when unknown (counts as the day searched).
        var joinedReference = Double.nan
        /// The weighted newcomer part on `SearchEngine.preparedDay`.
        var newcomerPart = 0.0
        var ratingScore = 0.0
        var average = 0.0
        var ratingCount = 0
        var isPro = false
    }

    private(set) var slots: [Slot] = []
    private(set) var documents: [SearchDocument] = []
    /// Whether each slot still holds a listed gig (a removed gig's slot stays until `compact()`), on its own: a scan
    /// checks it for every posting.
    private var aliveFlags: [Bool] = []
    /// Each slot's `Facts`, for the filters.
    private var facts: [Facts] = []
    private var slotOfGig: [UUID: Int32] = [:]
    private var termIDs: [String: Int32] = [:]
    private var terms: [String] = []
    private var postings: [[Posting]] = []
    private var documentFrequency: [Int32] = []
    /// Every term, sorted, for prefix look-ups; rebuilt when a new term arrives.
    private var sortedTerms: [Int32] = []
    private var sortedTermsStale = false
    private var categoryIDs: [String: Int32] = [:]
    private var sellerIDs: [UUID: Int32] = [:]
    private(set) var sellers: [SellerEntry] = []
    /// Each word of a seller's name and the sellers whose name holds it: which sellers a query names.
    private var sellersNamed: [String: [Int32]] = [:]
    private var sellerHot: [SellerHot] = []
    /// Each seller's rating, on-time, responsiveness and newcomer parts added up: what their gigs score besides text (a
    /// bound: the exact score adds the parts in `Ranking.score`'s order). A relevance scan reads it for every posting.
    private var standings: [Double] = []
    /// Slots below `orderedCount` were added best-standing seller first (`upsert(gigs:)` into an empty index), so every
    /// list's postings in that part run from the best-standing sellers down: `orderedStanding[slot]` is the standing the
    /// slot's seller had then, never rising along the slots. `standingRise` is the most any seller's standing has risen
    /// since (`sellerOrderedStanding` keeps what each had). A relevance scan stops reading the ordered part of a list once
    /// `orderedStanding + standingRise + the best text score the words can give` cannot reach the worst of the best kept,
    /// and reads on from the gigs added since. Removed gigs leave the order as it was; compaction keeps it.
    private var orderedCount = 0
    private var orderedStanding: [Double] = []
    private var sellerOrderedStanding: [Double] = []
    private var standingRise = 0.0
    /// Live slots, newest first (then id ascending), and cheapest first (then id ascending).
    private var newestOrder: [Int32] = []
    private var cheapestOrder: [Int32] = []
    private(set) var liveCount = 0
    private var deadCount = 0
    private var totalTokens = 0
    public private(set) var weights: RankingWeights
    /// The day (as `timeIntervalSinceReferenceDate`) the sellers' newcomer parts are computed for; NaN before `prepare(day:)`.
    private var newcomerDay = Double.nan
    public let normalisation: RankingNormalisation

    public init(weights: RankingWeights = .standard, normalisation: RankingNormalisation = .standard) {
        self.weights = weights
        self.normalisation = normalisation
    }

    public var figures: SearchIndexFigures {
        // Words only: the prefix lists are the index's own.
        let words = terms.indices.filter { !terms[$0].hasPrefix(Self.prefixMark) }
        return SearchIndexFigures(listedGigs: liveCount, sellers: sellers.count, words: words.filter { documentFrequency[$0] > 0 }.count,
                                  postings: words.reduce(0) { $0 + postings[$1].lazy.filter { self.aliveFlags[Int($0.slot)] }.count })
    }

    public func contains(gig id: UUID) -> Bool { slotOfGig[id] != nil }

    /// How far the index has drifted from the order it was loaded in (see `orderedCount`): the gigs added since, which
    /// every relevance scan reads in full, how many were loaded in order, and the most a seller's standing has risen
    /// since, which loosens the early stop's bound. A load in order (`upsert(gigs:)` into a new index) resets all three.
    public var drift: (added: Int, ordered: Int, rise: Double) { (slots.count - orderedCount, orderedCount, standingRise) }

    /// Whether the early stop has faded enough that loading the index again in order pays: the gigs added since the
    /// load are a fifth of those loaded in order (and at least 50), or a seller's standing has risen by more than 0.05
    /// (a twentieth of the largest possible score) since.
    public var hasDrifted: Bool {
        let d = drift
        return (d.added >= 50 && d.added * 5 >= d.ordered) || d.rise > 0.05
    }

    // MARK: - Changes

    /// Scores sellers with other weights (an operator's RANKING_WEIGHTS).
    public mutating func use(weights: RankingWeights) {
        guard weights != self.weights else { return }
        self.weights = weights
        for i in sellers.indices { rescore(Int(i)) }
    }

    /// The day the newcomer parts are ready for, if any.
    public var preparedDay: Date? { newcomerDay.isNaN ? nil : Date(timeIntervalSinceReferenceDate: newcomerDay) }

    /// Computes every seller's newcomer part for `day` (the start of a UTC day), so a search on that day reads it.
    public mutating func prepare(day: Date) {
        let reference = day.timeIntervalSinceReferenceDate
        guard reference != newcomerDay else { return }
        newcomerDay = reference
        for i in sellerHot.indices { refreshNewcomer(i) }
    }

    /// `weight × Ranking.newcomerExposure` written out with its own operations (the same doubles), from a join time
    /// and a day as reference-date seconds (NaN join: the day itself).
    @inline(__always)
    static func newcomerPart(joined: Double, now: Double, window: Double, weight: Double) -> Double {
        var newcomer = 0.0
        if window > 0 {
            let j = joined.isNaN ? now : joined
            let days = max(0, (now - j) / 86_400)
            let value = 1 - days / window
            newcomer = value.isNaN ? 0 : min(1, max(0, value))
        }
        return weight * newcomer
    }

    private mutating func refreshNewcomer(_ i: Int) {
        var h = sellerHot[i]
        h.newcomerPart = newcomerDay.isNaN ? 0
            : Self.newcomerPart(joined: h.joinedReference, now: newcomerDay, window: normalisation.newcomerWindowDays, weight: weights.newcomerExposure)
        sellerHot[i] = h
        standings[i] = h.ratingPart + h.onTimePart + h.responsivenessPart + h.newcomerPart
        if i < sellerOrderedStanding.count { standingRise = max(standingRise, standings[i] - sellerOrderedStanding[i]) }
    }

    /// Adds or replaces a seller's record.
    public mutating func upsert(seller: SearchSeller) {
        let words = Set(SearchText.words(seller.displayName))
        if let index = sellerIDs[seller.id] {
            let old = sellers[Int(index)].nameWords
            sellers[Int(index)].seller = seller
            sellers[Int(index)].nameWords = words
            for w in old.subtracting(words) {
                sellersNamed[w]?.removeAll { $0 == index }
                if sellersNamed[w]?.isEmpty == true { sellersNamed[w] = nil }
            }
            for w in words.subtracting(old) { sellersNamed[w, default: []].append(index) }
            rescore(Int(index))
        } else {
            let index = Int32(sellers.count)
            sellerIDs[seller.id] = index
            sellers.append(SellerEntry(seller: seller, nameWords: words))
            for w in words { sellersNamed[w, default: []].append(index) }
            sellerHot.append(SellerHot())
            standings.append(0)
            rescore(Int(index))
        }
    }

    public func seller(_ id: UUID) -> SearchSeller? { sellerIDs[id].map { sellers[Int($0)].seller } }

    private mutating func rescore(_ i: Int) {
        let s = sellers[i].seller
        sellerHot[i] = SellerHot(
            ratingPart: weights.rating * Ranking.rating(sum: s.ratingSum, count: s.ratingCount, normalisation: normalisation),
            onTimePart: weights.onTimeDelivery * Ranking.onTime(delivered: s.onTimeDelivered, total: s.deliveredTotal, normalisation: normalisation),
            responsivenessPart: weights.responsiveness * Ranking.responsiveness(medianHours: s.medianResponseHours, normalisation: normalisation),
            joinedReference: s.joinedAt?.timeIntervalSinceReferenceDate ?? .nan,
            ratingScore: normalisation.bayesianStars(sum: s.ratingSum, count: s.ratingCount),
            average: s.ratingCount > 0 ? Double(s.ratingSum) / Double(s.ratingCount) : 0,
            ratingCount: s.ratingCount, isPro: s.isPro)
        refreshNewcomer(i)
    }

    /// Takes a gig out (paused, deleted, no longer listed). Nothing happens when it was not in.
    public mutating func remove(gig id: UUID) {
        guard let slot = slotOfGig.removeValue(forKey: id) else { return }
        let s = Int(slot)
        aliveFlags[s] = false
        liveCount -= 1
        deadCount += 1
        totalTokens -= Int(slots[s].length)
        for (term, _) in Self.termFrequencies(documents[s]) {  // words and prefix lists alike
            if let t = termIDs[term] { documentFrequency[Int(t)] -= 1 }
        }
        if let i = position(of: slot, in: newestOrder, before: newestBefore) { newestOrder.remove(at: i) }
        if let i = position(of: slot, in: cheapestOrder, before: cheapestBefore) { cheapestOrder.remove(at: i) }
        documents[s] = SearchDocument(id: id, sellerId: documents[s].sellerId, title: "", tags: [], description: "", category: "",
                                      subcategory: nil, startingPriceCents: 0, fastestDeliveryDays: 0, createdMs: 0)
        if deadCount > 1_000 && deadCount > liveCount { compact() }
    }

    /// Adds a listed gig, replacing what the index held for it. Its seller must have been upserted (a seller with no
    /// record is added as a newcomer).
    public mutating func upsert(gig document: SearchDocument) {
        remove(gig: document.id)
        if sellerIDs[document.sellerId] == nil {
            upsert(seller: .newcomer(id: document.sellerId, displayName: "", joinedAt: nil))
        }
        let seller = sellerIDs[document.sellerId]!
        let category: Int32
        if let c = categoryIDs[document.category] { category = c } else {
            category = Int32(categoryIDs.count)
            categoryIDs[document.category] = category
        }
        let slot = Int32(slots.count)
        let frequencies = Self.termFrequencies(document)
        let length = frequencies.values.reduce(0) { $0 + $1.tokens }
        for (term, f) in frequencies {
            let t: Int32
            if let existing = termIDs[term] { t = existing } else {
                t = Int32(terms.count)
                termIDs[term] = t
                terms.append(term)
                postings.append([])
                documentFrequency.append(0)
                sortedTermsStale = true
            }
            postings[Int(t)].append(Posting(slot: slot, seller: seller, frequency: f.weighted, length: UInt32(clamping: length)))
            documentFrequency[Int(t)] += 1
        }
        let (idHigh, idLow) = Self.halves(document.id)
        slots.append(Slot(id: document.id, idHigh: idHigh, idLow: idLow, seller: seller, category: category, days: Int32(clamping: document.fastestDeliveryDays),
                          length: Int32(clamping: length), price: document.startingPriceCents, createdMs: document.createdMs))
        documents.append(document)
        facts.append(Facts(slots[Int(slot)]))
        aliveFlags.append(true)
        slotOfGig[document.id] = slot
        liveCount += 1
        totalTokens += length
        newestOrder.insert(slot, at: insertionPoint(of: slot, in: newestOrder, before: newestBefore))
        cheapestOrder.insert(slot, at: insertionPoint(of: slot, in: cheapestOrder, before: cheapestBefore))
    }

    /// Makes prefix look-ups current after new words arrived. Cheap when nothing changed; call before publishing.
    public mutating func prepareForSearch() {
        guard sortedTermsStale else { return }
        sortedTerms = Array(0..<Int32(terms.count))
        sortedTerms.sort { terms[Int($0)] < terms[Int($1)] }
        sortedTermsStale = false
    }

    /// Adds many gigs. Into an empty index they go best-standing seller first (as standings are now: call `prepare(day:)`
    /// before), so that relevance scans can stop early (see `orderedCount`); otherwise each is upserted in turn.
    public mutating func upsert(gigs documents: [SearchDocument]) {
        guard slots.isEmpty else { for d in documents { upsert(gig: d) }; return }
        for d in documents where sellerIDs[d.sellerId] == nil {
            upsert(seller: .newcomer(id: d.sellerId, displayName: "", joinedAt: nil))
        }
        let order = documents.indices.sorted { a, b in
            let x = standings[Int(sellerIDs[documents[a].sellerId]!)], y = standings[Int(sellerIDs[documents[b].sellerId]!)]
            return x != y ? x > y : a < b
        }
        for i in order { upsert(gig: documents[i]) }
        orderedCount = slots.count
        orderedStanding = slots.map { standings[Int($0.seller)] }
        sellerOrderedStanding = standings
        standingRise = 0
    }


    /// Each distinct word of a gig with its weighted frequency and its number of tokens.
    static func termFrequencies(_ d: SearchDocument) -> [String: (weighted: UInt32, tokens: Int)] {
        var out: [String: (weighted: UInt32, tokens: Int)] = [:]
        func add(_ text: String, _ weight: UInt32) {
            SearchText.forEachWord(text) { word in
                let old = out[word] ?? (0, 0)
                out[word] = (old.weighted &+ weight, old.tokens + 1)
                // and the prefix lists the word belongs to (no tokens of their own: they are not words of the gig)
                let count = word.count
                for n in indexedPrefixLengths where count >= n {
                    let key = prefixMark + String(word.prefix(n))
                    let p = out[key] ?? (0, 0)
                    out[key] = (p.weighted &+ weight, p.tokens)
                }
            }
        }
        add(d.title, titleWeight)
        for tag in d.tags { add(tag, tagsWeight) }
        add(d.description, descriptionWeight)
        return out
    }

    /// Renumbers the live slots from 0 and drops every trace of removed ones.
    private mutating func compact() {
        var map = [Int32](repeating: -1, count: slots.count)
        var newSlots: [Slot] = []
        var newDocuments: [SearchDocument] = []
        newSlots.reserveCapacity(liveCount)
        newDocuments.reserveCapacity(liveCount)
        var newOrderedStanding: [Double] = []
        for (i, slot) in slots.enumerated() where aliveFlags[i] {
            map[i] = Int32(newSlots.count)
            newSlots.append(slot)
            newDocuments.append(documents[i])
            if i < orderedCount { newOrderedStanding.append(orderedStanding[i]) }
        }
        // the ordered part keeps its order: its survivors come first, in the same order
        orderedStanding = newOrderedStanding
        orderedCount = newOrderedStanding.count
        for t in postings.indices {
            postings[t] = postings[t].compactMap { p in
                map[Int(p.slot)] >= 0 ? Posting(slot: map[Int(p.slot)], seller: p.seller, frequency: p.frequency, length: p.length) : nil
            }
        }
        slots = newSlots
        facts = newSlots.map(Facts.init)
        documents = newDocuments
        aliveFlags = [Bool](repeating: true, count: newSlots.count)
        for (id, slot) in slotOfGig { slotOfGig[id] = map[Int(slot)] }
        newestOrder = newestOrder.map { map[Int($0)] }
        cheapestOrder = cheapestOrder.map { map[Int($0)] }
        deadCount = 0
    }

    // MARK: - Orders kept for browsing

    public static func idLess(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in withUnsafeBytes(of: b.uuid) { y in x.lexicographicallyPrecedes(y) } }
    }

    private func newestBefore(_ a: Int32, _ b: Int32) -> Bool {
        let x = slots[Int(a)], y = slots[Int(b)]
        return x.createdMs != y.createdMs ? x.createdMs > y.createdMs : Self.idLess(x.id, y.id)
    }

    private func cheapestBefore(_ a: Int32, _ b: Int32) -> Bool {
        let x = slots[Int(a)], y = slots[Int(b)]
        return x.price != y.price ? x.price < y.price : Self.idLess(x.id, y.id)
    }

    private func insertionPoint(of slot: Int32, in order: [Int32], before: (Int32, Int32) -> Bool) -> Int {
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if before(order[mid], slot) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func position(of slot: Int32, in order: [Int32], before: (Int32, Int32) -> Bool) -> Int? {
        let i = insertionPoint(of: slot, in: order, before: before)
        return i < order.count && order[i] == slot ? i : nil
    }

    // MARK: - Searching

    /// One phrase of a query: the postings of its word (or of every word it is a prefix of), in slot order, with the
    /// number of listed gigs it matches.
    private struct Phrase {
        var postings: [Posting]
        var hits: Int
    }

    private func phrase(_ word: String, prefix: Bool) -> Phrase? {
        if !prefix || Self.indexedPrefixLengths.contains(word.count) {
            guard let t = termIDs[prefix ? Self.prefixMark + word : word] else { return nil }
            guard documentFrequency[Int(t)] > 0 else { return nil }
            return Phrase(postings: postings[Int(t)], hits: Int(documentFrequency[Int(t)]))
        }
        // Every word starting with `word`: a range of the sorted words.
        var low = 0, high = sortedTerms.count
        while low < high {
            let mid = (low + high) / 2
            if terms[Int(sortedTerms[mid])] < word { low = mid + 1 } else { high = mid }
        }
        var lists: [Int32] = []
        var i = low
        while i < sortedTerms.count, terms[Int(sortedTerms[i])].hasPrefix(word) {
            if documentFrequency[Int(sortedTerms[i])] > 0 { lists.append(sortedTerms[i]) }
            i += 1
        }
        if lists.isEmpty { return nil }
        if lists.count == 1 { return phrase(terms[Int(lists[0])], prefix: false) }
        // Several words: their frequencies add up per gig (as FTS5 counts a prefix phrase's instances). The lists are in
        // slot order, so they merge in one pass each, the longest first.
        lists.sort { postings[Int($0)].count > postings[Int($1)].count }
        var merged = postings[Int(lists[0])].filter { aliveFlags[Int($0.slot)] }
        for t in lists.dropFirst() {
            merged = Self.merge(merged, postings[Int(t)], alive: aliveFlags)
        }
        return Phrase(postings: merged, hits: merged.count)
    }

    /// Two lists in slot order as one, a gig in both with its frequencies added; removed gigs of `b` left out (`a`
    /// holds none).
    static func merge(_ a: [Posting], _ b: [Posting], alive: [Bool]) -> [Posting] {
        var out: [Posting] = []
        out.reserveCapacity(a.count + b.count)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                alive.withUnsafeBufferPointer { alive in
                    var i = 0, j = 0
                    while j < b.count && !alive[Int(b[j].slot)] { j += 1 }
                    while i < a.count || j < b.count {
                        if j == b.count || (i < a.count && a[i].slot < b[j].slot) {
                            out.append(a[i]); i += 1
                            continue
                        }
                        var p = b[j]
                        if i < a.count && a[i].slot == p.slot { p.frequency &+= a[i].frequency; i += 1 }
                        out.append(p)
                        j += 1
                        while j < b.count && !alive[Int(b[j].slot)] { j += 1 }
                    }
                }
            }
        }
        return out
    }

    private struct Filter {
        var category: Int32?
        var noCategory = false
        var maxPrice: Int64?
        var maxDays: Int32?
        var minRating: Double?
        var proOnly = false
        var needsSeller: Bool { minRating != nil || proOnly }
        var any: Bool { category != nil || maxPrice != nil || maxDays != nil || needsSeller }
    }

    private func filter(_ f: SearchFilters) -> Filter {
        var out = Filter()
        if let c = f.category {
            if let id = categoryIDs[c] { out.category = id } else { out.noCategory = true }
        }
        out.maxPrice = f.maxPriceCents
        out.maxDays = f.maxDeliveryDays.map { Int32(clamping: $0) }
        out.minRating = f.minRating
        out.proOnly = f.pro == true
        return out
    }

    /// `passes` from the slot's `Facts`, reading the slot itself only for a value too large for them.
    @inline(__always)
    private func passes(_ slot: Int32, _ f: Filter, facts: UnsafeBufferPointer<Facts>, slots: UnsafeBufferPointer<Slot>) -> Bool {
        let x = facts[Int(slot)]
        guard x.exact else { return passes(slots[Int(slot)], f) }
        if let c = f.category, Int32(x.category) != c { return false }
        if let p = f.maxPrice, Int64(x.price) > p { return false }
        if let d = f.maxDays, Int32(x.days) > d { return false }
        if f.needsSeller { return passes(slots[Int(slot)], f) }
        return true
    }

    @inline(__always)
    private func passes(_ slot: Slot, _ f: Filter) -> Bool {
        if let c = f.category, slot.category != c { return false }
        if let p = f.maxPrice, slot.price > p { return false }
        if let d = f.maxDays, slot.days > d { return false }
        if f.needsSeller {
            let seller = sellerHot[Int(slot.seller)]
            if let m = f.minRating, !(seller.ratingCount > 0 && seller.average >= m) { return false }
            if f.proOnly && !seller.isPro { return false }
        }
        return true
    }

    /// A candidate: its order key (larger first), its id as two big-endian halves (smaller first on equal keys: the
    /// databases' byte order), its slot and its raw text score.
    struct Candidate {
        var key: Double
        var idHigh: UInt64
        var idLow: UInt64
        var slot: Int32
        var raw: Double

        @inline(__always)
        static func before(_ a: Candidate, _ b: Candidate) -> Bool {
            if a.key != b.key { return a.key > b.key }
            if a.idHigh != b.idHigh { return a.idHigh < b.idHigh }
            return a.idLow < b.idLow
        }
    }

    /// The best `k` candidates seen, in a heap whose root is the worst kept: most candidates are refused by one comparison.
    struct TopK {
        let k: Int
        var heap: [Candidate] = []
        init(_ k: Int) { self.k = k; heap.reserveCapacity(min(k, 1_024)) }

        @inline(__always)
        mutating func offer(_ c: Candidate) {
            if heap.count < k {
                heap.append(c)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    if Candidate.before(heap[parent], heap[child]) { heap.swapAt(parent, child); child = parent } else { break }
                }
            } else if k > 0 && Candidate.before(c, heap[0]) {
                heap[0] = c
                var parent = 0
                while true {
                    let l = 2 * parent + 1, r = l + 1
                    var worst = parent
                    if l < heap.count && Candidate.before(heap[worst], heap[l]) { worst = l }
                    if r < heap.count && Candidate.before(heap[worst], heap[r]) { worst = r }
                    if worst == parent { break }
                    heap.swapAt(parent, worst)
                    parent = worst
                }
            }
        }

        /// The kept, best first: the heap sorted in place by taking the worst off the root, one at a time, to the end.
        func sorted() -> [Candidate] {
            var out = heap
            out.withUnsafeMutableBufferPointer { h in
                var end = h.count
                while end > 1 {
                    end -= 1
                    h.swapAt(0, end)
                    var parent = 0
                    while true {
                        let l = 2 * parent + 1, r = l + 1
                        var worst = parent
                        if l < end && Candidate.before(h[worst], h[l]) { worst = l }
                        if r < end && Candidate.before(h[worst], h[r]) { worst = r }
                        if worst == parent { break }
                        h.swapAt(parent, worst)
                        parent = worst
                    }
                }
            }
            return out
        }
    }

    static func halves(_ id: UUID) -> (UInt64, UInt64) {
        let u = id.uuid
        let high = UInt64(u.0) << 56 | UInt64(u.1) << 48 | UInt64(u.2) << 40 | UInt64(u.3) << 32
            | UInt64(u.4) << 24 | UInt64(u.5) << 16 | UInt64(u.6) << 8 | UInt64(u.7)
        let low = UInt64(u.8) << 56 | UInt64(u.9) << 48 | UInt64(u.10) << 40 | UInt64(u.11) << 32
            | UInt64(u.12) << 24 | UInt64(u.13) << 16 | UInt64(u.14) << 8 | UInt64(u.15)
        return (high, low)
    }

    /// What a scan needs to turn a match into a candidate and keep the best: the sort's key, the published score's
    /// parts, the cursor. A value on the scanning function's stack, so the hot loop has no captured state to check.
    struct Collector {
        let sort: SearchSort
        let hot: UnsafeBufferPointer<SellerHot>
        /// Each seller's parts added up (`SearchEngine.standings`), valid when `prepared`.
        let standings: UnsafeBufferPointer<Double>
        let textWeight: Double
        let newcomerWeight: Double
        let window: Double
        let now: Double
        /// The sellers' newcomer parts are for this search's day.
        let prepared: Bool
        let after: Candidate?
        var top: TopK
        var scored = 0

        /// Whether the best kept are as many as wanted, and the worst of them (only then).
        var full: Bool { top.k > 0 && top.heap.count == top.k }
        var floor: Double { top.heap[0].key }

        /// Whether a gig whose seller stands at `standing` and whose text scores at most `textBound` could still enter.
        @inline(__always)
        func couldEnter(standing: Double, textBound: Double) -> Bool {
            top.heap.count < top.k || standing + textBound + 1e-9 >= top.heap[0].key
        }

        /// `Ranking.score`'s sum in its own order (text, rating, on-time, responsiveness, newcomer), with
        /// `Ranking.relevance` and `Ranking.newcomerExposure` written out: the same operations, so the same doubles.
        @inline(__always)
        func score(_ seller: Int32, raw: Double) -> Double {
            score(seller, text: textWeight * Ranking.relevance(raw: raw, scale: .bm25))
        }

        /// The same, from the weighted text part.
        @inline(__always)
        func score(_ seller: Int32, text: Double) -> Double {
            let s = hot[Int(seller)]
            var total = 0.0
            total += text
            total += s.ratingPart
            total += s.onTimePart
            total += s.responsivenessPart
            total += prepared ? s.newcomerPart : SearchEngine.newcomerPart(joined: s.joinedReference, now: now, window: window, weight: newcomerWeight)
            return total
        }

        @inline(__always)
        func key(_ slot: Slot, raw: Double) -> Double {
            switch sort {
            case .relevance: score(slot.seller, raw: raw)
            case .price: -Double(slot.price)
            case .newest: Double(slot.createdMs)
            case .rating: hot[Int(slot.seller)].ratingScore
            }
        }

        /// A text match of the relevance sort: its score first, and the gig itself (for its id) read only when the score
        /// could enter the best kept so far.
        @inline(__always)
        mutating func considerMatch(_ p: Posting, raw: Double, slots: UnsafeBufferPointer<Slot>) {
            guard sort == .relevance else { consider(p.slot, slots[Int(p.slot)], raw: raw); return }
            let text = textWeight * Ranking.relevance(raw: raw, scale: .bm25)
            // The seller's standing (all parts added at once) plus this text part is the score but for rounding: a gig
            // that stays clearly under the worst kept is refused without reading the seller's parts.
            if prepared && top.heap.count == top.k && top.k > 0 && standings[Int(p.seller)] + text + 1e-9 < top.heap[0].key { return }
            scored += 1
            let key = score(p.seller, text: text)
            if top.heap.count == top.k && top.k > 0 && key < top.heap[0].key { return }
            let slot = slots[Int(p.slot)]
            top.offer(Candidate(key: key, idHigh: slot.idHigh, idLow: slot.idLow, slot: p.slot, raw: raw))
        }

        @inline(__always)
        mutating func consider(_ index: Int32, _ slot: Slot, raw: Double) {
            scored += 1
            let c = Candidate(key: key(slot, raw: raw), idHigh: slot.idHigh, idLow: slot.idLow, slot: index, raw: raw)
            if let after, !Candidate.before(after, c) { return }
            top.offer(c)
        }
    }

    /// Runs a search. `day` is "now" for the newcomer factor (the start of the UTC day, so pages agree).
    public func search(_ request: SearchRequest, day: Date) -> SearchPage {
        sellerHot.withUnsafeBufferPointer { hot in
            slots.withUnsafeBufferPointer { slots in
                aliveFlags.withUnsafeBufferPointer { alive in
                    standings.withUnsafeBufferPointer { standings in
                        orderedStanding.withUnsafeBufferPointer { ordered in
                            facts.withUnsafeBufferPointer { facts in
                                search(request, day: day, hot: hot, slots: slots, facts: facts, alive: alive, standings: standings, ordered: ordered)
                            }
                        }
                    }
                }
            }
        }
    }

    private func search(_ request: SearchRequest, day: Date, hot: UnsafeBufferPointer<SellerHot>, slots: UnsafeBufferPointer<Slot>,
                        facts: UnsafeBufferPointer<Facts>, alive: UnsafeBufferPointer<Bool>, standings: UnsafeBufferPointer<Double>, ordered: UnsafeBufferPointer<Double>) -> SearchPage {
        let filters = request.filters
        let f = filter(filters)
        if f.noCategory { return SearchPage(hits: [], next: nil) }
        let words = request.terms.words.map(SearchText.fold).filter { !$0.isEmpty }
        let sort = filters.sort
        // The cursor in the candidates' terms, for the sorts that page on a stored value.
        var after: Candidate?
        if let c = request.cursor, sort != .relevance {
            let (h, l) = Self.halves(c.id)
            let key: Double? = switch (sort, c.value) {
            case (.price, .int(let v)): -Double(v)
            case (.newest, .int(let v)): Double(v)
            case (.rating, .double(let v)): v
            default: nil
            }
            if let key { after = Candidate(key: key, idHigh: h, idLow: l, slot: -1, raw: 0) }
        }
        var collect = Collector(sort: sort, hot: hot, standings: standings, textWeight: weights.textRelevance, newcomerWeight: weights.newcomerExposure,
                                window: normalisation.newcomerWindowDays, now: day.timeIntervalSinceReferenceDate,
                                prepared: day.timeIntervalSinceReferenceDate == newcomerDay, after: after,
                                top: TopK(sort == .relevance ? Self.relevanceCandidates : filters.limit + 1))

        if words.isEmpty {
            switch sort {
            case .newest, .price:
                // Walk the kept order from the cursor and stop once the page is full.
                let order = sort == .newest ? newestOrder : cheapestOrder
                var picked: [Int32] = []
                var i = walkStart(order, after: after, collect: collect, slots: slots)
                while i < order.count && picked.count <= filters.limit {
                    let slot = order[i]
                    if passes(slot, f, facts: facts, slots: slots) { picked.append(slot) }
                    i += 1
                }
                return page(picked.map { ($0, 0.0) }, request: request, day: day)
            case .rating, .relevance:
                let bounded = sort == .relevance && collect.prepared
                let orderedEnd = bounded ? ordered.count : 0, rise = standingRise
                var i = 0
                while i < slots.count {
                    // the ordered part runs from the best-standing sellers down: once it cannot reach the kept, skip it
                    if i < orderedEnd && collect.full && ordered[i] + rise + 1e-9 < collect.floor { i = orderedEnd; continue }
                    let slot = slots[i]
                    i += 1
                    guard alive[i - 1] && passes(slot, f) else { continue }
                    if bounded && !collect.couldEnter(standing: standings[Int(slot.seller)], textBound: 0) { continue }
                    collect.consider(Int32(i - 1), slot, raw: 0)
                }
            }
        } else {
            // Every phrase must match (AND); the last word is a prefix once it is long enough.
            var phrases: [Phrase] = []
            for (i, word) in words.enumerated() {
                let prefix = i == words.count - 1 && word.count >= SearchTerms.prefixMinimumLength
                guard let p = phrase(word, prefix: prefix) else { return SearchPage(hits: [], next: nil) }
                phrases.append(p)
            }
            let n = Double(liveCount)
            let averageLength = liveCount > 0 ? Double(totalTokens) / n : 1
            let idf = phrases.map { p -> Double in
                let value = log((n - Double(p.hits) + 0.5) / (Double(p.hits) + 0.5))
                return value > 0 ? value : 1e-6
            }
            let k1 = Self.k1, b = Self.b
            if (sort == .price || sort == .newest) && phrases.map(\.hits).min()! * Self.denseShare >= liveCount {
                // Words that many gigs hold, sorted by price or date: walking the kept order and taking the gigs that hold
                // every word reads far fewer gigs than scoring every match would.
                var bits = [UInt64](repeating: 0, count: (slots.count + 63) / 64)
                var other = [UInt64](repeating: 0, count: phrases.count > 1 ? bits.count : 0)
                for (k, phrase) in phrases.enumerated() {
                    if k == 0 {
                        for p in phrase.postings { bits[Int(p.slot) >> 6] |= 1 << UInt64(p.slot & 63) }
                    } else {
                        for i in other.indices { other[i] = 0 }
                        for p in phrase.postings { other[Int(p.slot) >> 6] |= 1 << UInt64(p.slot & 63) }
                        for i in bits.indices { bits[i] &= other[i] }
                    }
                }
                let order = sort == .newest ? newestOrder : cheapestOrder
                var i = walkStart(order, after: after, collect: collect, slots: slots)
                var picked: [(Int32, Double)] = []
                while i < order.count && picked.count <= filters.limit {
                    let slot = order[i]
                    i += 1
                    guard bits[Int(slot) >> 6] & (1 << UInt64(slot & 63)) != 0, passes(slot, f, facts: facts, slots: slots) else { continue }
                    // the text score, as the scan computes it: each phrase's frequency found in its list
                    let d = Double(slots[Int(slot)].length)
                    var strength = 0.0
                    for (j, phrase) in phrases.enumerated() {
                        let list = phrase.postings
                        var low = 0, high = list.count
                        while low < high {
                            let mid = (low + high) / 2
                            if list[mid].slot < slot { low = mid + 1 } else { high = mid }
                        }
                        let freq = Double(list[low].frequency)
                        strength += idf[j] * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * d / averageLength)))
                    }
                    picked.append((slot, -1.0 * strength))
                }
                var result = page(picked, request: request, day: day)
                result.scored = picked.count
                return result
            }
            // bm25 as SQLite's FTS5 computes it: weighted frequency per phrase, the gig's length in tokens.
            // Relevance: a gig whose seller's standing plus the best text score these words can give (every frequency
            // without bound) stays under the worst of the best kept so far cannot enter; it is passed over unscored.
            let bounded = sort == .relevance && collect.prepared
            let textBound = weights.textRelevance * Ranking.relevance(raw: -idf.reduce(0) { $0 + $1 * (k1 + 1.0) }, scale: .bm25)
            // A list's postings in the ordered part run from the best-standing sellers down (see `orderedCount`): once
            // one's standing then, plus the most any standing rose since, plus `textBound`, cannot reach the kept, none
            // after it in that part can either, and the scan jumps to the gigs added since.
            let orderedEnd = Int32(bounded ? ordered.count : 0), rise = standingRise
            @inline(__always)
            func skipOrdered(_ list: UnsafeBufferPointer<Posting>, from i: Int) -> Int? {
                let slot = list[i].slot
                guard slot < orderedEnd && collect.full && ordered[Int(slot)] + rise + textBound + 1e-9 < collect.floor else { return nil }
                var low = i + 1, high = list.count
                while low < high {
                    let mid = (low + high) / 2
                    if list[mid].slot < orderedEnd { low = mid + 1 } else { high = mid }
                }
                return low
            }
            if phrases.count == 1 {
                let weight = idf[0]
                let filtered = f.any
                phrases[0].postings.withUnsafeBufferPointer { postings in
                    var i = 0
                    while i < postings.count {
                        if let next = skipOrdered(postings, from: i) { i = next; continue }
                        let p = postings[i]
                        i += 1
                        guard alive[Int(p.slot)] else { continue }
                        if bounded && !collect.couldEnter(standing: standings[Int(p.seller)], textBound: textBound) { continue }
                        if filtered && !passes(p.slot, f, facts: facts, slots: slots) { continue }
                        let freq = Double(p.frequency), d = Double(p.length)
                        let strength = 0.0 + weight * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * d / averageLength)))
                        collect.considerMatch(p, raw: -1.0 * strength, slots: slots)
                    }
                }
            } else {
                // Intersect, driven by the shortest list; the others advance by galloping.
                let driver = phrases.indices.min { phrases[$0].postings.count < phrases[$1].postings.count }!
                var positions = [Int](repeating: 0, count: phrases.count)
                var frequencies = [UInt32](repeating: 0, count: phrases.count)
                phrases[driver].postings.withUnsafeBufferPointer { driving in
                var i = 0
                outer: while i < driving.count {
                    if let next = skipOrdered(driving, from: i) { i = next; continue }
                    let p = driving[i]
                    i += 1
                    guard alive[Int(p.slot)] else { continue }
                    if bounded && !collect.couldEnter(standing: standings[Int(p.seller)], textBound: textBound) { continue }
                    for j in phrases.indices {
                        if j == driver { frequencies[j] = p.frequency; continue }
                        let found: UInt32? = phrases[j].postings.withUnsafeBufferPointer { list in
                            var lo = positions[j]
                            var step = 1
                            var hi = lo
                            while hi < list.count && list[hi].slot < p.slot { lo = hi + 1; hi += step; step *= 2 }
                            hi = min(hi, list.count)
                            while lo < hi {
                                let mid = (lo + hi) / 2
                                if list[mid].slot < p.slot { lo = mid + 1 } else { hi = mid }
                            }
                            positions[j] = lo
                            return lo < list.count && list[lo].slot == p.slot ? list[lo].frequency : nil
                        }
                        guard let found else { continue outer }
                        frequencies[j] = found
                    }
                    guard !f.any || passes(p.slot, f, facts: facts, slots: slots) else { continue }
                    let d = Double(p.length)
                    var strength = 0.0
                    for j in phrases.indices {
                        let freq = Double(frequencies[j])
                        strength += idf[j] * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * d / averageLength)))
                    }
                    collect.considerMatch(p, raw: -1.0 * strength, slots: slots)
                }
                }
            }
        }

        let best = collect.top.sorted()
        var result = sort == .relevance ? relevancePage(best, request: request, words: words, day: day)
            : page(best.map { ($0.slot, $0.raw) }, request: request, day: day)
        result.scored = collect.scored
        return result
    }

    /// Where a walk of a kept order (newest or cheapest first) starts: the first gig after the cursor, if any.
    private func walkStart(_ order: [Int32], after: Candidate?, collect: Collector, slots: UnsafeBufferPointer<Slot>) -> Int {
        guard let after else { return 0 }
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            let s = slots[Int(order[mid])]
            if Candidate.before(after, Candidate(key: collect.key(s, raw: 0), idHigh: s.idHigh, idLow: s.idLow, slot: 0, raw: 0)) {
                high = mid
            } else {
                low = mid + 1
            }
        }
        return low
    }

    /// Relevance: the best `relevanceCandidates` by score (sorted), each seller's best `Ranking.sellerLimit` first
    /// (unless the words name the seller), then the page after the cursor.
    private func relevancePage(_ candidates: [Candidate], request: SearchRequest, words: [String], day: Date) -> SearchPage {
        // the sellers the words name (usually none), and how many of each seller's gigs came before
        let named = words.flatMap { sellersNamed[$0] ?? [] }
        var seen = [UInt8](repeating: 0, count: sellers.count)
        var keyed: [(rank: Candidate, after: Bool)] = []
        keyed.reserveCapacity(candidates.count)
        for c in candidates {
            let seller = slots[Int(c.slot)].seller
            let isNamed = !named.isEmpty && named.contains(seller)
            let rank = Int(seen[Int(seller)])
            if rank < 255 { seen[Int(seller)] = UInt8(rank + 1) }
            let after = !isNamed && rank >= Ranking.sellerLimit
            var ranked = c
            if after { ranked.key = c.key - 2.0 }
            keyed.append((ranked, after))
        }
        // The gigs within their seller's limit and those beyond it are each still in score order: merge the two.
        let within = keyed.filter { !$0.after }, beyond = keyed.filter { $0.after }
        keyed.removeAll(keepingCapacity: true)
        var i = 0, j = 0
        while i < within.count || j < beyond.count {
            if j == beyond.count || (i < within.count && Candidate.before(within[i].rank, beyond[j].rank)) {
                keyed.append(within[i]); i += 1
            } else {
                keyed.append(beyond[j]); j += 1
            }
        }
        var start = 0
        if let c = request.cursor, case .double(let v) = c.value {
            let (h, l) = Self.halves(c.id)
            let position = Candidate(key: v, idHigh: h, idLow: l, slot: -1, raw: 0)
            start = keyed.firstIndex { Candidate.before(position, $0.rank) } ?? keyed.count
        }
        let limit = request.filters.limit
        let slice = keyed[start..<min(keyed.count, start + limit + 1)]
        var hits: [SearchHit] = []
        for entry in slice.prefix(limit) {
            hits.append(hit(entry.rank.slot, raw: entry.rank.raw, rankKey: entry.rank.key, after: entry.after, request: request, day: day))
        }
        var next: SearchCursor?
        if slice.count > limit, let last = hits.last {
            next = SearchCursor(sort: .relevance, value: .double(last.rankKey), id: last.document.id)
        }
        return SearchPage(hits: hits, next: next)
    }

    /// A page of the other sorts from its first `limit + 1` slots in order.
    private func page(_ picked: [(Int32, Double)], request: SearchRequest, day: Date) -> SearchPage {
        let limit = request.filters.limit
        var hits: [SearchHit] = []
        for (slot, raw) in picked.prefix(limit) {
            hits.append(hit(slot, raw: raw, rankKey: 0, after: false, request: request, day: day))
        }
        var next: SearchCursor?
        if picked.count > limit, let last = hits.last {
            let value: CursorValue = switch request.filters.sort {
            case .relevance: .double(last.rankKey)
            case .price: .int(last.document.startingPriceCents)
            case .rating: .double(last.ratingScore)
            case .newest: .int(last.document.createdMs)
            }
            next = SearchCursor(sort: request.filters.sort, value: value, id: last.document.id)
        }
        return SearchPage(hits: hits, next: next)
    }

    private func hit(_ slot: Int32, raw: Double, rankKey: Double, after: Bool, request: SearchRequest, day: Date) -> SearchHit {
        let entry = sellers[Int(slots[Int(slot)].seller)]
        let s = entry.seller
        // The score shown is `Ranking.score` itself, over the same facts the scan used.
        let signals = RankingSignals(rawRelevance: raw, ratingSum: s.ratingSum, ratingCount: s.ratingCount, onTimeDelivered: s.onTimeDelivered,
                                     deliveredTotal: s.deliveredTotal, medianResponseHours: s.medianResponseHours,
                                     sellerJoinedAt: s.joinedAt ?? day)
        let ranked = Ranking.score(signals: signals, weights: weights, now: day, scale: .bm25, normalisation: normalisation)
        return SearchHit(document: documents[Int(slot)], seller: s, rawRelevance: raw, score: ranked,
                         rankKey: request.filters.sort == .relevance ? rankKey : ranked.score, afterSellerLimit: after,
                         ratingScore: sellerHot[Int(slots[Int(slot)].seller)].ratingScore)
    }
}
