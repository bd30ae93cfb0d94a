// The admin's money to confirm: bank transfers waiting to be seen on the statement, payouts waiting to be sent.
import Foundation

extension AdminMoneyPage {
    struct Model: Encodable {
        struct DepositRow: Encodable {
            var id: String
            var reference: String
            var orderId: String
            var orderTitle: String
            var buyerName: String
            var amountCents: Int64
            var milestone: Int?
            var createdAt: Date
        }

        struct PayoutRow: Encodable {
            var id: String
            var memberName: String
            var amountCents: Int64
            var provider: String
            var requestedAt: Date
        }

        var provider: String
        var deposits: [DepositRow]
        var payouts: [PayoutRow]

        init(_ waiting: OrderPageQueries.MoneyToConfirm, provider: String) {
            self.provider = provider
            deposits = waiting.deposits.map { d in
                let dto = DepositDTO(d)
                return DepositRow(id: dto.id.uuidString, reference: dto.reference, orderId: d.orderID.uuidString,
                                  orderTitle: waiting.orderTitles[d.orderID] ?? "", buyerName: waiting.memberNames[d.buyerID] ?? "",
                                  amountCents: d.amountCents, milestone: dto.milestone, createdAt: d.createdAt)
            }
            payouts = waiting.payouts.compactMap { p in
                guard let id = p.id else { return nil }
                return PayoutRow(id: id.uuidString, memberName: waiting.memberNames[p.memberID] ?? "", amountCents: p.amountCents,
                                 provider: p.provider, requestedAt: p.requestedAt)
            }
        }
    }
}
