// The in-process ledger benchmark (bench/LedgerBench): durable ledger transfers per second through the same
// `WriteTransaction` and `LedgerStore.post` that orders use, against an empty write transaction in the same run.
import Vapor
import Fluent
import GuildCore

@_spi(Benchmark)
public enum LedgerThroughput {
    public struct Figures: Sendable {
        /// Write transactions per second that do nothing: the database's commit rate on this machine, the baseline.
        public let emptyTransactionsPerSecond: Double
        /// One transfer (two entries, two balances) per transaction, committed durably.
        public let transfersPerSecond: Double
        /// Ten transfers per transaction: what the statements cost once the commit is shared.
        public let batchedTransfersPerSecond: Double
        public let transfers: Int
        public let verification: [String]
        public let verified: Bool
    }

    /// Funds `members` bench accounts from the sandbox provider, then runs `tasks` concurrent writers for `seconds`
    /// each phase, and finally checks every ledger invariant over everything written. Meant for a throwaway database.
    public static func measure(app: Application, seconds: Double, tasks: Int, members: Int,
                               say: @escaping @Sendable (String) -> Void) async throws -> Figures {
        let db = app.db
        let provider = LedgerAccountRef.providerClearing("sandbox")
        let accounts = (0..<max(2, members)).map { _ in LedgerAccountRef.member(UUID()) }
        say("Funding \(accounts.count) accounts…")
        for chunk in stride(from: 0, to: accounts.count, by: 200) {
            let slice = accounts[chunk..<min(chunk + 200, accounts.count)]
            try await WriteTransaction.run(on: db) { tx in
                try await LedgerStore.post(slice.map { Posting(debit: provider, credit: $0, amountCents: 1_000_000, memo: PostingMemo.deposit) },
                                           orderID: nil, now: Date(), on: tx)
            }
        }
        say("Empty write transactions, \(tasks) tasks, \(seconds) s…")
        let (emptyRate, _) = try await loop(seconds: seconds, tasks: tasks) {
            try await WriteTransaction.run(on: db) { _ in }
        }
        say("One transfer per transaction…")
        let (singleRate, singles) = try await loop(seconds: seconds, tasks: tasks) {
            let postings = randomTransfers(1, among: accounts)
            try await WriteTransaction.run(on: db) { tx in
                try await LedgerStore.post(postings, orderID: nil, now: Date(), on: tx)
            }
        }
        say("Ten transfers per transaction…")
        let (batchRate, batches) = try await loop(seconds: seconds, tasks: tasks) {
            let postings = randomTransfers(10, among: accounts)
            try await WriteTransaction.run(on: db) { tx in
                try await LedgerStore.post(postings, orderID: nil, now: Date(), on: tx)
            }
        }
        say("Verifying the ledger…")
        let (lines, ok) = try await LedgerVerification.run(on: db)
        return Figures(emptyTransactionsPerSecond: emptyRate, transfersPerSecond: singleRate, batchedTransfersPerSecond: batchRate * 10,
                       transfers: singles + batches * 10, verification: lines, verified: ok)
    }

    static func randomTransfers(_ n: Int, among accounts: [LedgerAccountRef]) -> [Posting] {
        (0..<n).map { _ in
            let a = Int.random(in: 0..<accounts.count)
            var b = Int.random(in: 0..<accounts.count - 1)
            if b >= a { b += 1 }
            return Posting(debit: accounts[a], credit: accounts[b], amountCents: Int64.random(in: 1...100), memo: "bench_transfer")
        }
    }

    /// Runs `work` in `tasks` concurrent loops until `seconds` pass; returns completions per second and the count.
    static func loop(seconds: Double, tasks: Int, _ work: @escaping @Sendable () async throws -> Void) async throws -> (Double, Int) {
        let start = ContinuousClock.now
        let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<max(1, tasks) {
                group.addTask {
                    var done = 0
                    while ContinuousClock.now < deadline {
                        try await work()
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = start.duration(to: .now)
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (Double(total) / secondsTaken, total)
    }
}
