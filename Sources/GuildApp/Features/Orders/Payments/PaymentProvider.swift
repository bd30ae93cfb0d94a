// Where buyers' money comes from and sellers' payouts go: a sandbox (instant) and a manual bank-transfer provider.
import Vapor
import NIOConcurrencyHelpers

/// A payment provider as the ledger sees it: a named clearing account and two questions.
protocol PaymentProvider: Sendable {
    /// The clearing account's name: `provider:<name>`.
    var name: String { get }
    /// Whether a charge settles during the request (sandbox) or waits for an operator (manual).
    var fundsInstantly: Bool { get }
    /// Whether a payout is sent during the request (sandbox) or marked sent later by an admin (manual).
    var paysOutInstantly: Bool { get }
    /// Takes the buyer's money. Called inside the funding transaction: a throw rolls everything back.
    func charge(buyer: UUID, amountCents: Int64, reference: UUID) async throws
    /// Sends a payout (only called when `paysOutInstantly`).
    func send(payout: UUID, member: UUID, amountCents: Int64) async throws
}

/// A declined charge or a failed transfer: 402 for the client, and the whole step rolls back.
enum PaymentFailed {
    static func error(_ message: String) -> APIError { APIError(status: .paymentRequired, code: "payment_failed", message: message) }
}

/// Instant and in-process, for demos and tests. Failures can be injected: the next N charges or payouts fail.
final class SandboxPaymentProvider: PaymentProvider, @unchecked Sendable {
    let name = "sandbox"
    let fundsInstantly = true
    let paysOutInstantly = true
    private let lock = NIOLock()
    private var chargeFailures = 0
    private var payoutFailures = 0

    /// Test hook: the next `count` charges fail as a declined card would.
    func failNextCharges(_ count: Int = 1) { lock.withLock { chargeFailures = count } }
    func failNextPayouts(_ count: Int = 1) { lock.withLock { payoutFailures = count } }

    func charge(buyer: UUID, amountCents: Int64, reference: UUID) async throws {
        let fail = lock.withLock { () -> Bool in
            guard chargeFailures > 0 else { return false }
            chargeFailures -= 1
            return true
        }
        if fail { throw PaymentFailed.error("The payment provider declined the charge; nothing was taken and nothing changed") }
    }

    func send(payout: UUID, member: UUID, amountCents: Int64) async throws {
        let fail = lock.withLock { () -> Bool in
            guard payoutFailures > 0 else { return false }
            payoutFailures -= 1
            return true
        }
        if fail { throw PaymentFailed.error("The payment provider could not send the payout; your balance is unchanged") }
    }
}

/// Bank transfers confirmed by an operator: funding waits for `POST /api/v1/admin/deposits/{id}/confirm`,
/// payouts wait for `POST /api/v1/admin/payouts/{id}/sent`.
struct ManualPaymentProvider: PaymentProvider {
    let name = "manual"
    let fundsInstantly = false
    let paysOutInstantly = false
    func charge(buyer: UUID, amountCents: Int64, reference: UUID) async throws {}
    func send(payout: UUID, member: UUID, amountCents: Int64) async throws {}
}

extension Application {
    private struct PaymentProviderKey: StorageKey { typealias Value = any PaymentProvider }
    /// The configured provider; tests may replace it.
    var paymentProvider: any PaymentProvider {
        // Set once by OrdersFeature.boot (configure), before any request.
        get { storage[PaymentProviderKey.self] ?? SandboxPaymentProvider() }
        set { storage[PaymentProviderKey.self] = newValue }
    }
}
