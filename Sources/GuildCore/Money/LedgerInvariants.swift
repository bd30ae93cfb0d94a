// The money invariants, checked by `guild ledger verify` and by tests against a snapshot of the ledger.
import Foundation

/// Everything the invariants look at: all transfers, the balances as stored, and all holds.
public struct LedgerSnapshot: Codable, Equatable, Sendable {
    public var transfers: [LedgerTransfer]
    public var balances: [LedgerAccountRef: Int64]
    public var holds: [EscrowHold]

    public init(transfers: [LedgerTransfer], balances: [LedgerAccountRef: Int64], holds: [EscrowHold]) {
        self.transfers = transfers
        self.balances = balances
        self.holds = holds
    }
}

/// One broken rule, named by the check that found it.
public struct InvariantViolation: Codable, Equatable, Sendable, CustomStringConvertible {
    public let check: String
    public let message: String

    public init(check: String, message: String) {
        self.check = check
        self.message = message
    }

    public var description: String { "\(check): \(message)" }
}

/// The outcome of one check, so a CLI can print what it checked and not only what failed.
public struct InvariantCheck: Codable, Equatable, Sendable {
    public let name: String
    public let description: String
    public let passed: Bool
    public let violations: [InvariantViolation]

    public init(name: String, description: String, passed: Bool, violations: [InvariantViolation]) {
        self.name = name
        self.description = description
        self.passed = passed
        self.violations = violations
    }
}

public enum LedgerInvariants {
    /// A rule's name and its plain-language statement.
    public struct Rule: Codable, Equatable, Sendable {
        public let name: String
        public let description: String
    }

    public static let transfersBalance = Rule(
        name: "transfers_balance",
        description: "Every transfer moves a positive amount, and its debits equal its credits."
    )
    public static let balancesMatchEntries = Rule(
        name: "balances_match_entries",
        description: "Every account's stored balance equals its credits minus its debits."
    )
    public static let escrowMatchesOpenHolds = Rule(
        name: "escrow_matches_open_holds",
        description: "The escrow account holds exactly the sum of all open holds."
    )
    public static let holdsSettleOnce = Rule(
        name: "holds_settle_once",
        description: "Each hold put its amount into escrow once, and took it out once if and only if it is resolved."
    )
    public static let providerMoneyAccounted = Rule(
        name: "provider_money_accounted",
        description: "Money received from payment providers minus money paid out equals the sum of all member, escrow, in-transit and platform balances."
    )
    public static let noNegativeMemberBalance = Rule(
        name: "no_negative_member_balance",
        description: "No member's balance is below zero."
    )

    /// Every rule, in the order they are checked and printed.
    public static let rules: [Rule] = [
        transfersBalance, balancesMatchEntries, escrowMatchesOpenHolds, holdsSettleOnce,
        providerMoneyAccounted, noNegativeMemberBalance,
    ]

    /// All violations found; empty when the ledger is sound.
    public static func verify(snapshot: LedgerSnapshot) -> [InvariantViolation] {
        checks(snapshot: snapshot).flatMap(\.violations)
    }

    /// Every rule with its result.
    public static func checks(snapshot: LedgerSnapshot) -> [InvariantCheck] {
        let computed = computedBalances(snapshot.transfers)
        let results: [(Rule, [InvariantViolation])] = [
            (transfersBalance, checkTransfersBalance(snapshot)),
            (balancesMatchEntries, checkBalancesMatchEntries(snapshot, computed: computed)),
            (escrowMatchesOpenHolds, checkEscrowMatchesOpenHolds(snapshot)),
            (holdsSettleOnce, checkHoldsSettleOnce(snapshot)),
            (providerMoneyAccounted, checkProviderMoneyAccounted(snapshot)),
            (noNegativeMemberBalance, checkNoNegativeMemberBalance(snapshot)),
        ]
        return results.map { rule, violations in
            InvariantCheck(name: rule.name, description: rule.description, passed: violations.isEmpty, violations: violations)
        }
    }

    // Sums use overflow-reporting arithmetic: a corrupt ledger must be reported, not crash the checker.
    private static func add(_ a: Int64, _ b: Int64) -> Int64? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }

    private static func computedBalances(_ transfers: [LedgerTransfer]) -> [LedgerAccountRef: Int64?] {
        var sums: [LedgerAccountRef: Int64?] = [:]
        for transfer in transfers {
            for entry in transfer.entries {
                let current = sums[entry.account] ?? 0
                sums[entry.account] = current.flatMap { add($0, entry.signedCents) }
            }
        }
        return sums
    }

    private static func checkTransfersBalance(_ snapshot: LedgerSnapshot) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for transfer in snapshot.transfers {
            let id = transfer.id.uuidString.lowercased()
            if transfer.entries.count < 2 {
                violations.append(.init(check: transfersBalance.name, message: "transfer \(id) has \(transfer.entries.count) entries; it needs a debit and a credit"))
            }
            if let bad = transfer.entries.first(where: { $0.amountCents <= 0 }) {
                violations.append(.init(check: transfersBalance.name, message: "transfer \(id) has an entry of \(bad.amountCents) on \(bad.account.key); entries must be positive"))
            }
            var debits: Int64? = 0
            var credits: Int64? = 0
            for entry in transfer.entries {
                if entry.side == .debit { debits = debits.flatMap { add($0, entry.amountCents) } }
                else { credits = credits.flatMap { add($0, entry.amountCents) } }
            }
            if debits == nil || credits == nil || debits != credits {
                violations.append(.init(
                    check: transfersBalance.name,
                    message: "transfer \(id) debits \(debits.map(String.init) ?? "overflow") but credits \(credits.map(String.init) ?? "overflow")"
                ))
            }
        }
        return violations
    }

    private static func checkBalancesMatchEntries(_ snapshot: LedgerSnapshot, computed: [LedgerAccountRef: Int64?]) -> [InvariantViolation] {
        let accounts = Set(computed.keys).union(snapshot.balances.keys).sorted { $0.key < $1.key }
        return accounts.compactMap { account in
            let stored = snapshot.balances[account]
            let fromEntries: Int64? = computed[account] ?? 0
            guard stored != fromEntries else { return nil }
            return InvariantViolation(
                check: balancesMatchEntries.name,
                message: "\(account.key) is stored as \(stored.map(String.init) ?? "missing") but its entries add up to \(fromEntries.map(String.init) ?? "overflow")"
            )
        }
    }

    private static func checkEscrowMatchesOpenHolds(_ snapshot: LedgerSnapshot) -> [InvariantViolation] {
        var openSum: Int64? = 0
        for hold in snapshot.holds { openSum = openSum.flatMap { add($0, hold.remainingCents) } }
        let escrow = snapshot.balances[.escrow] ?? 0
        guard escrow != openSum else { return [] }
        return [InvariantViolation(
            check: escrowMatchesOpenHolds.name,
            message: "escrow balance is \(escrow) but open holds add up to \(openSum.map(String.init) ?? "overflow")"
        )]
    }

    private static func checkHoldsSettleOnce(_ snapshot: LedgerSnapshot) -> [InvariantViolation] {
        var intoEscrow: [UUID: Int64] = [:]
        var outOfEscrow: [UUID: Int64] = [:]
        var violations: [InvariantViolation] = []
        for transfer in snapshot.transfers {
            for entry in transfer.entries where entry.account == .escrow {
                guard let holdID = transfer.holdID else {
                    violations.append(.init(check: holdsSettleOnce.name, message: "transfer \(transfer.id.uuidString.lowercased()) moves escrow money without naming a hold"))
                    continue
                }
                if entry.side == .credit { intoEscrow[holdID, default: 0] &+= entry.amountCents }
                else { outOfEscrow[holdID, default: 0] &+= entry.amountCents }
            }
        }
        let known = Set(snapshot.holds.map(\.id))
        for hold in snapshot.holds {
            let id = hold.id.uuidString.lowercased()
            let into = intoEscrow[hold.id] ?? 0
            let out = outOfEscrow[hold.id] ?? 0
            if into != hold.amountCents {
                violations.append(.init(check: holdsSettleOnce.name, message: "hold \(id) of \(hold.amountCents) put \(into) into escrow"))
            }
            let expectedOut = hold.state == .open ? 0 : hold.amountCents
            if out != expectedOut {
                violations.append(.init(check: holdsSettleOnce.name, message: "hold \(id) is \(hold.state.rawValue) and took \(out) out of escrow, expected \(expectedOut)"))
            }
        }
        for unknown in Set(intoEscrow.keys).union(outOfEscrow.keys).subtracting(known).sorted(by: { $0.uuidString < $1.uuidString }) {
            violations.append(.init(check: holdsSettleOnce.name, message: "escrow transfers name hold \(unknown.uuidString.lowercased()), which does not exist"))
        }
        return violations
    }

    private static func checkProviderMoneyAccounted(_ snapshot: LedgerSnapshot) -> [InvariantViolation] {
        // Money in and out is read from the clearing entries; what members and the platform hold is read
        // from the stored balances, so the two sides come from independent data.
        var moneyIn: Int64? = 0
        var paidOut: Int64? = 0
        for transfer in snapshot.transfers {
            for entry in transfer.entries where entry.account.isProviderClearing {
                if entry.side == .debit { moneyIn = moneyIn.flatMap { add($0, entry.amountCents) } }
                else { paidOut = paidOut.flatMap { add($0, entry.amountCents) } }
            }
        }
        var held: Int64? = 0
        for (account, balance) in snapshot.balances where !account.isProviderClearing {
            held = held.flatMap { add($0, balance) }
        }
        guard let moneyIn, let paidOut, let held else {
            return [InvariantViolation(check: providerMoneyAccounted.name, message: "the totals overflow")]
        }
        guard moneyIn - paidOut != held else { return [] }
        return [InvariantViolation(
            check: providerMoneyAccounted.name,
            message: "providers brought in \(moneyIn) and paid out \(paidOut) (net \(moneyIn - paidOut)), but members, escrow, in-transit and platform hold \(held)"
        )]
    }

    private static func checkNoNegativeMemberBalance(_ snapshot: LedgerSnapshot) -> [InvariantViolation] {
        snapshot.balances
            .filter { $0.key.isMember && $0.value < 0 }
            .sorted { $0.key.key < $1.key.key }
            .map { InvariantViolation(check: noNegativeMemberBalance.name, message: "\($0.key.key) has a balance of \($0.value)") }
    }
}
