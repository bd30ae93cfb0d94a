import Testing
@testable import GuildCore

@Suite struct PostingMemoTests {
    @Test func everyMemoHasWordsOfItsOwn() {
        let memos = [PostingMemo.deposit, PostingMemo.escrowHold, PostingMemo.releaseToSeller, PostingMemo.platformFee,
                     PostingMemo.refundToBuyer, PostingMemo.payoutRequested, PostingMemo.payoutSent, PostingMemo.payoutFailed]
        let labels = memos.map(PostingMemo.label(for:))
        // each is distinct and none is the raw code
        #expect(Set(labels).count == memos.count)
        for (memo, label) in zip(memos, labels) { #expect(label != memo) }
        #expect(PostingMemo.label(for: "manual_adjustment") == "Manual Adjustment")
    }
}
