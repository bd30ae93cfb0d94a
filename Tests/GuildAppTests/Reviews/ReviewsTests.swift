// Double-blind reviews on real orders, with an injected clock: reveal, rating, responses, flags and their deadlines,
// through the API and the pages.
import Foundation
import Testing
import Vapor
import VaporTesting
import Fluent
import GuildCore
@testable import GuildApp

@Suite struct ReviewsTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A completed order (placed, paid, delivered, accepted) on a pinned clock.
    func completed(_ app: Application) async throws -> (Market, UUID, GuildClock) {
        let clock = GuildClock(fixed: Self.start)
        app.clock = clock
        let m = try await Market.make(app)
        let order = try await m.delivered()
        #expect(try await m.step("accept", order.id, by: m.buyer).status == .ok)
        return (m, order.id, clock)
    }

    func review(_ m: Market, _ order: UUID, by member: TestMember, _ body: [String: String]) async throws -> TestingHTTPResponse {
        try await m.app.send(.POST, "/api/v1/orders/\(order)/reviews", headers: member.bearer, raw: Self.json(body))
    }

    static func json(_ fields: [String: String]) -> String {
        // Values that are numbers or booleans go in bare.
        "{" + fields.map { k, v in
            let bare = Int(v) != nil || v == "true" || v == "false"
            return "\"\(k)\":" + (bare ? v : "\"\(v)\"")
        }.joined(separator: ",") + "}"
    }

    func stats(_ app: Application, _ seller: UUID) async throws -> SellerStatsRecord {
        try #require(try await SellerStatsRecord.find(seller, on: app.db))
    }

    @Test(arguments: TestDatabase.all)
    func aReviewStaysSealedUntilBothAreInThenCountsOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, _) = try await completed(app)
            // when the buyer reviews
            let first = try await review(m, order, by: m.buyer, ["rating": "4", "text": "Lovely <b>logo</b>", "quality": "5"])
            #expect(first.status == .created)
            // then the seller sees that a review is in, but not what it says, and nobody else sees it at all
            let sellerView = try await app.send(.GET, "/api/v1/orders/\(order)/reviews", headers: m.seller.bearer).decode(OrderReviewsDTO.self)
            #expect(sellerView.reviews.isEmpty && sellerView.otherSideSubmitted && sellerView.canReview)
            #expect(try await app.send(.GET, "/api/v1/users/\(m.seller.id)/reviews").decode(MemberReviewsDTO.self).reviews.isEmpty)
            #expect(try await stats(app, m.seller.id).ratingCount == 0)
            // and the seller's review page shows neither the text nor the stars
            let sellerPage = try await PageSession.loggedIn(app, m.seller)
            let sealed = try await sellerPage.get("/orders/\(order)/review").body.string
            #expect(sealed.contains("id=\"other-sealed\"") && !sealed.contains("Lovely"))
            // when the seller reviews too
            #expect(try await review(m, order, by: m.seller, ["rating": "5", "text": "Clear brief, paid on time"]).status == .created)
            // then both are revealed to both, the buyer's counts once in the seller's rating, and the page escapes the text
            let buyerView = try await app.send(.GET, "/api/v1/orders/\(order)/reviews", headers: m.buyer.bearer).decode(OrderReviewsDTO.self)
            #expect(buyerView.reviews.count == 2 && buyerView.reviews.allSatisfy(\.revealed) && !buyerView.canReview)
            let s = try await stats(app, m.seller.id)
            #expect(s.ratingSum == 4 && s.ratingCount == 1)
            #expect(abs(s.ratingScore - RankingNormalisation.standard.bayesianStars(sum: 4, count: 1)) < 1e-9)
            let open = try await sellerPage.get("/orders/\(order)/review").body.string
            #expect(open.contains("Lovely &lt;b&gt;logo&lt;/b&gt;") && open.contains("Quality: 5 of 5"))
            // and the public sees the review about the seller on the API and the profile
            let publicReviews = try await app.send(.GET, "/api/v1/users/\(m.seller.id)/reviews").decode(MemberReviewsDTO.self)
            #expect(publicReviews.reviews.map(\.rating) == [4] && publicReviews.ratingCount == 1)
            #expect(try await app.send(.GET, "/users/\(m.seller.id)").body.string.contains("Lovely &lt;b&gt;logo&lt;/b&gt;"))
            // and a second review by the same side is refused
            let again = try await review(m, order, by: m.buyer, ["rating": "1"])
            #expect(again.status == .conflict && again.errorBody?.code == "review_already_submitted")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theWindowClosingRevealsAOneSidedReview(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, clock) = try await completed(app)
            #expect(try await review(m, order, by: m.buyer, ["rating": "2", "text": "Late and sloppy"]).status == .created)
            // a day before the window closes nothing is revealed
            clock.advance(seconds: Double(ReviewWindow.lengthDays - 1) * 86_400)
            #expect(try await ReviewWorkflow.revealDue(now: clock.now(), on: app.db) == 0)
            #expect(try await app.send(.GET, "/api/v1/users/\(m.seller.id)/reviews").decode(MemberReviewsDTO.self).reviews.isEmpty)
            // when it closes, the timers reveal it and it counts
            clock.advance(seconds: 86_400)
            _ = await Features.runTimers(app)
            #expect(try await app.send(.GET, "/api/v1/users/\(m.seller.id)/reviews").decode(MemberReviewsDTO.self).reviews.map(\.rating) == [2])
            #expect(try await stats(app, m.seller.id).ratingCount == 1)
            // and it is too late for the seller to review now
            let late = try await review(m, order, by: m.seller, ["rating": "5"])
            #expect(late.status == .conflict && late.errorBody?.code == "review_window_closed")
        }
    }

    @Test(arguments: TestDatabase.all)
    func outsideTheSellersControlIsShownButDoesNotCount(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, _) = try await completed(app)
            // the seller may not mark their own review so
            let wrongSide = try await review(m, order, by: m.seller, ["rating": "5", "outsideSellerControl": "true"])
            #expect(wrongSide.status == .unprocessableEntity && wrongSide.errorBody?.field == "outsideSellerControl")
            // bad stars name the field
            let badStars = try await review(m, order, by: m.buyer, ["rating": "9"])
            #expect(badStars.status == .unprocessableEntity && badStars.errorBody?.field == "rating")
            let badSub = try await review(m, order, by: m.buyer, ["rating": "3", "onTime": "0"])
            #expect(badSub.status == .unprocessableEntity && badSub.errorBody?.field == "onTime")
            // when the buyer says the courier lost the parcel, and the seller reviews
            #expect(try await review(m, order, by: m.buyer, ["rating": "1", "text": "Courier lost it", "outsideSellerControl": "true"]).status == .created)
            #expect(try await review(m, order, by: m.seller, ["rating": "5"]).status == .created)
            // then it is public, marked, and the rating has not moved
            let reviews = try await app.send(.GET, "/api/v1/users/\(m.seller.id)/reviews").decode(MemberReviewsDTO.self)
            #expect(reviews.reviews.first?.outsideSellerControl == true && reviews.reviews.first?.countsInRating == false)
            let s = try await stats(app, m.seller.id)
            #expect(s.ratingCount == 0 && s.ratingSum == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func cancelledAndUnfinishedOrdersAndStrangersCannotReview(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let m = try await Market.make(app)
            // an order still in progress
            let running = try await m.place()
            #expect(try await m.step("fund", running.id, by: m.buyer).status == .ok)
            #expect(try await review(m, running.id, by: m.buyer, ["rating": "5"]).errorBody?.code == "review_order_not_finished")
            // a mutually cancelled one
            #expect(try await m.step("cancellation", running.id, by: m.buyer).status == .ok)
            #expect(try await m.step("cancellation/accept", running.id, by: m.seller).status == .ok)
            let mutual = try await review(m, running.id, by: m.buyer, ["rating": "5"])
            #expect(mutual.status == .conflict && mutual.errorBody?.code == "review_not_allowed_mutual_cancellation")
            // one the seller declined before payment
            let declined = try await m.place()
            #expect(try await m.step("cancellation/decline", declined.id, by: m.seller).status == .ok)
            #expect(try await review(m, declined.id, by: m.buyer, ["rating": "1"]).errorBody?.code == "review_not_allowed_cancelled")
            // and a stranger cannot even learn a completed order exists
            let done = try await m.delivered()
            #expect(try await m.step("accept", done.id, by: m.buyer).status == .ok)
            let carol = try await app.member("Carol Stranger")
            #expect(try await review(m, done.id, by: carol, ["rating": "5"]).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/orders/\(done.id)/reviews", headers: carol.bearer).status == .notFound)
            #expect(try await ReviewRecord.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theReviewedMemberRespondsOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, _) = try await completed(app)
            let buyers = try await review(m, order, by: m.buyer, ["rating": "3", "text": "Fine"]).decode(ReviewDTO.self)
            // before it is revealed the seller cannot see it to answer it
            #expect(try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/response", headers: m.seller.bearer, json: ["text": "Thanks"]).status == .notFound)
            #expect(try await review(m, order, by: m.seller, ["rating": "4"]).status == .created)
            // the buyer (the author) cannot answer their own review; an empty answer names the field
            #expect(try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/response", headers: m.buyer.bearer, json: ["text": "Me again"]).errorBody?.code == "review_response_not_yours")
            #expect(try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/response", headers: m.seller.bearer, json: ["text": "  "]).errorBody?.field == "text")
            // the seller answers once
            let answered = try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/response", headers: m.seller.bearer, json: ["text": "Thank you!"])
            let answer = try answered.decode(ReviewDTO.self)
            #expect(answered.status == .created && answer.response == "Thank you!")
            let twice = try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/response", headers: m.seller.bearer, json: ["text": "And again"])
            #expect(twice.status == .conflict && twice.errorBody?.code == "review_response_exists")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFlagIsDecidedByAnArbiterWithAReasonOrLapses(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, clock) = try await completed(app)
            let buyers = try await review(m, order, by: m.buyer, ["rating": "1", "text": "Call me on 555-0100, this seller is a fraud"]).decode(ReviewDTO.self)
            #expect(try await review(m, order, by: m.seller, ["rating": "5"]).status == .created)
            #expect(try await stats(app, m.seller.id).ratingCount == 1)
            let flagger = try await app.member("Fay Flagger")
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            // the author cannot flag their own review; a reason too short names the field
            #expect(try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/flags", headers: m.buyer.bearer, json: ["reason": "It shares a phone number"]).errorBody?.code == "flag_own_review")
            #expect(try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/flags", headers: flagger.bearer, json: ["reason": "bad"]).errorBody?.field == "reason")
            // when a member flags it
            let flagged = try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/flags", headers: flagger.bearer, json: ["reason": "It shares a phone number"])
            #expect(flagged.status == .created)
            let flag = try flagged.decode(FlagDTO.self)
            #expect(flag.decideBy == clock.now().addingTimeInterval(Double(ReviewFlagRules.decisionDays) * 86_400))
            // then only an arbiter who took no part may decide, with a reason
            #expect(try await app.send(.POST, "/api/v1/review-flags/\(flag.id)/decision", headers: flagger.bearer, json: FlagDecisionRequest(upheld: true, reason: "Personal data shared")).status == .forbidden)
            try await app.makeArbiter(m.seller)
            #expect(try await app.send(.POST, "/api/v1/review-flags/\(flag.id)/decision", headers: m.seller.bearer, json: FlagDecisionRequest(upheld: true, reason: "Personal data shared")).errorBody?.code == "arbiter_is_party")
            #expect(try await app.send(.POST, "/api/v1/review-flags/\(flag.id)/decision", headers: arbiter.bearer, json: FlagDecisionRequest(upheld: true, reason: "short")).errorBody?.field == "reason")
            let queue = try await app.send(.GET, "/api/v1/review-flags", headers: arbiter.bearer).decode([FlagDTO].self)
            #expect(queue.map(\.id) == [flag.id])
            let decided = try await app.send(.POST, "/api/v1/review-flags/\(flag.id)/decision", headers: arbiter.bearer,
                                             json: FlagDecisionRequest(upheld: true, reason: "It shares a phone number, which the rules forbid."))
            #expect(decided.status == .ok)
            // and the upheld review leaves the profile and the rating; the flagger sees the outcome and its reason
            #expect(try await app.send(.GET, "/api/v1/users/\(m.seller.id)/reviews").decode(MemberReviewsDTO.self).reviews.isEmpty)
            #expect(try await stats(app, m.seller.id).ratingCount == 0)
            let mine = try await app.send(.GET, "/api/v1/review-flags", headers: flagger.bearer).decode([FlagDTO].self)
            #expect(mine.first?.outcome == ReviewFlagOutcome.upheld.rawValue && mine.first?.decisionReason?.contains("phone number") == true)
            let buyerSees = try await app.send(.GET, "/api/v1/orders/\(order)/reviews", headers: m.buyer.bearer).decode(OrderReviewsDTO.self)
            #expect(buyerSees.reviews.first { $0.id == buyers.id }?.removalReason?.contains("phone number") == true)
            // a flag on the seller's review that nobody decides lapses at its deadline, and the review stays
            let sellers = try #require(buyerSees.reviews.first { $0.side == "seller" })
            #expect(try await app.send(.POST, "/api/v1/reviews/\(sellers.id)/flags", headers: flagger.bearer, json: ["reason": "It is not about this order"]).status == .created)
            clock.advance(seconds: Double(ReviewFlagRules.decisionDays) * 86_400 + 1)
            #expect(try await ReviewWorkflow.lapseDue(now: clock.now(), on: app.db) == 1)
            let lapsed = try await app.send(.GET, "/api/v1/review-flags", headers: flagger.bearer).decode([FlagDTO].self)
            #expect(lapsed.contains { $0.reviewId == sellers.id && $0.outcome == ReviewFlagOutcome.lapsed.rawValue })
            #expect(try await app.send(.GET, "/api/v1/users/\(m.buyer.id)/reviews").decode(MemberReviewsDTO.self).reviews.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func flagAndDecideThroughThePages(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, _) = try await completed(app)
            let buyers = try await review(m, order, by: m.buyer, ["rating": "2", "text": "Rude <i>person</i>"]).decode(ReviewDTO.self)
            #expect(try await review(m, order, by: m.seller, ["rating": "5"]).status == .created)
            let flagger = try await app.member("Fay Flagger")
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            // the profile offers the flag link; the flag page lists the published grounds
            let visitor = try await PageSession.loggedIn(app, flagger)
            #expect(try await visitor.get("/users/\(m.seller.id)").body.string.contains("/reviews/\(buyers.id)/flag"))
            let form = try await visitor.get("/reviews/\(buyers.id)/flag")
            #expect(form.status == .ok && form.body.string.contains(ReviewFlagRules.grounds[2]) && form.body.string.contains("Rude &lt;i&gt;person&lt;/i&gt;"))
            // a reason too short is refused on the page, saying why
            let short = try await visitor.post("/reviews/\(buyers.id)/flag", form: ["reason": "bad"], from: "/reviews/\(buyers.id)/flag")
            #expect(short.status == .unprocessableEntity && short.body.string.contains("id=\"flag-problem\""))
            #expect(try await visitor.post("/reviews/\(buyers.id)/flag", form: ["reason": "It insults the seller"], from: "/reviews/\(buyers.id)/flag").status == .seeOther)
            // the arbiter's queue shows it with the decision form, and the decision lands
            let desk = try await PageSession.loggedIn(app, arbiter)
            let queue = try await desk.get("/review-flags")
            #expect(queue.status == .ok && queue.body.string.contains("It insults the seller") && queue.body.string.contains("Uphold"))
            let flag = try #require(try await ReviewFlagRecord.query(on: app.db).first())
            let decided = try await desk.post("/review-flags/\(flag.requireID())/decision",
                                              form: ["decision": "reject", "reason": "Blunt, but about the work on this order."], from: "/review-flags")
            #expect(decided.status == .seeOther)
            #expect(try await ReviewFlagRecord.find(flag.id, on: app.db)?.flagOutcome == .rejected)
            // and the member who flagged it reads the outcome in words
            let mine = try await visitor.get("/review-flags").body.string
            #expect(mine.contains(ReviewFlagOutcome.rejected.spoken) && mine.contains("Blunt, but about the work"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theArbitersDeskQueuesDisputesAndFlagsByDeadline(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a flagged review (an arbiter decides within 7 days) and, a day later, a new dispute (answer due in 3)
            let (m, order, clock) = try await completed(app)
            let buyers = try await review(m, order, by: m.buyer, ["rating": "1", "text": "Awful, and here is my address"]).decode(ReviewDTO.self)
            #expect(try await review(m, order, by: m.seller, ["rating": "5"]).status == .created)
            let flagger = try await app.member("Fay Flagger")
            #expect(try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/flags", headers: flagger.bearer,
                                       json: ["reason": "It shares a postal address"]).status == .created)
            clock.advance(seconds: 86_400)
            let disputed = try await m.delivered()
            #expect(try await m.step("disputes", disputed.id, by: m.buyer, json: ["reason": "The files are missing"]).status == .created)
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            // when the arbiter opens the desk
            let desk = try await PageSession.loggedIn(app, arbiter).get("/disputes").body.string
            // then both wait in one queue, the dispute (due sooner) before the flag
            let queue = try #require(desk.range(of: "id=\"arbiter-queue\"")).upperBound
            let dispute = try #require(desk.range(of: "data-kind=\"Dispute\"", range: queue..<desk.endIndex))
            let flag = try #require(desk.range(of: "data-kind=\"Flagged review\"", range: queue..<desk.endIndex))
            #expect(dispute.lowerBound < flag.lowerBound)
            #expect(desk.contains("It shares a postal address"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anArbiterDecidesAFlagFromTheDesk(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            // given a flagged review
            let (m, order, _) = try await completed(app)
            let buyers = try await review(m, order, by: m.buyer, ["rating": "1", "text": "Awful, and here is my address"]).decode(ReviewDTO.self)
            #expect(try await review(m, order, by: m.seller, ["rating": "5"]).status == .created)
            let flagger = try await app.member("Fay Flagger")
            #expect(try await app.send(.POST, "/api/v1/reviews/\(buyers.id)/flags", headers: flagger.bearer,
                                       json: ["reason": "It shares a postal address"]).status == .created)
            let flag = try #require(try await ReviewFlagRecord.query(on: app.db).first())
            let arbiter = try await app.member("Ari Arbiter")
            try await app.makeArbiter(arbiter)
            let desk = try await PageSession.loggedIn(app, arbiter)
            // when the arbiter opens the desk, the queue links to the flag on the same page, which shows the review and the form
            let page = try await desk.get("/disputes").body.string
            #expect(page.contains("href=\"#flag-\(try flag.requireID())\""))
            #expect(page.contains("id=\"flag-\(try flag.requireID())\"") && page.contains("Awful, and here is my address"))
            #expect(page.contains("action=\"/review-flags/\(try flag.requireID())/decision\"") && page.contains("name=\"back\" value=\"disputes\""))
            // a decision without a reason changes nothing and says why, back on the desk
            let short = try await desk.post("/review-flags/\(try flag.requireID())/decision", form: ["decision": "uphold", "reason": "no", "back": "disputes"], from: "/disputes")
            #expect(short.status == .seeOther && short.headers.first(name: .location) == "/disputes")
            #expect(try await ReviewFlagRecord.find(flag.id, on: app.db)?.flagOutcome == .open)
            // then upholding it from the desk lands, returns to the desk, and the flag leaves its queue
            let decided = try await desk.post("/review-flags/\(try flag.requireID())/decision",
                                              form: ["decision": "uphold", "reason": "It shares the seller's postal address.", "back": "disputes"], from: "/disputes")
            #expect(decided.status == .seeOther && decided.headers.first(name: .location) == "/disputes")
            #expect(try await ReviewFlagRecord.find(flag.id, on: app.db)?.flagOutcome == .upheld)
            let after = try await desk.get("/disputes").body.string
            #expect(!after.contains("id=\"flag-\(try flag.requireID())\"") && after.contains("No open flags."))
            // a return page other than the two known ones falls back to the flag queue
            #expect(try await desk.post("/review-flags/\(try flag.requireID())/decision", form: ["decision": "reject", "reason": "Again, decided already.", "back": "https://evil.example"],
                                        from: "/disputes").headers.first(name: .location) == "/review-flags")
        }
    }

    @Test(arguments: TestDatabase.all)
    func bothSidesReviewingAtOnceRevealBothAndCountOnce(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, _) = try await completed(app)
            async let a = review(m, order, by: m.buyer, ["rating": "5"])
            async let b = review(m, order, by: m.seller, ["rating": "4"])
            let (ra, rb) = try await (a, b)
            #expect(ra.status == .created && rb.status == .created)
            let all = try await ReviewRecord.query(on: app.db).all()
            #expect(all.count == 2 && all.allSatisfy(\.isRevealed))
            #expect(try await stats(app, m.seller.id).ratingCount == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theReviewPageFormRefusesBadInputAndSubmits(_ db: TestDatabase) async throws {
        try await withGuild(db) { app in
            let (m, order, _) = try await completed(app)
            let buyer = try await PageSession.loggedIn(app, m.buyer)
            let page = try await buyer.get("/orders/\(order)/review")
            #expect(page.status == .ok && page.body.string.contains("outsideSellerControl"), "\(page.body.string.prefix(3000))")
            #expect(try await buyer.get("/orders/\(order)").body.string.contains("id=\"reviews-link\""))
            // no stars: 422, the problem on its field, the text kept
            let refused = try await buyer.post("/orders/\(order)/review", form: ["rating": "", "text": "Kept text"], from: "/orders/\(order)/review")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("id=\"rating-error\"") && refused.body.string.contains("Kept text"))
            #expect(try await ReviewRecord.query(on: app.db).count() == 0)
            // a good review goes in
            let sent = try await buyer.post("/orders/\(order)/review", form: ["rating": "5", "text": "Great", "communication": "4"], from: "/orders/\(order)/review")
            #expect(sent.status == .seeOther)
            let stored = try #require(try await ReviewRecord.query(on: app.db).first())
            #expect(stored.rating == 5 && stored.communication == 4 && stored.text == "Great" && !stored.outsideSellerControl)
        }
    }
}

extension PageSession {
    static func loggedIn(_ app: Application, _ member: TestMember) async throws -> PageSession {
        let browser = PageSession(app)
        let res = try await browser.post("/login", form: ["email": member.email, "password": "correct horse battery"])
        #expect(res.status == .seeOther)
        return browser
    }
}
