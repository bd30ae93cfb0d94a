// What the balance page shows: the balance's parts, the latest ledger lines and the monthly earnings chart.
import Foundation

extension BalancePage {
    struct Model: Encodable {
        var balance: BalanceDTO
        var entries: [LedgerLineDTO]
        /// The payout form's idempotency key.
        var idem: String
        var chart: EarningsChart.Chart
    }
}
