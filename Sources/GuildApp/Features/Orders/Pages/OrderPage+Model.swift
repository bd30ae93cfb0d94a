// What the order page shows: the order in words, the steps its viewer may take now, milestones, disputes and history.
import Foundation
import GuildCore

extension OrderPage {
    struct Model: Encodable {
        /// A step the page refused: which form, what was wrong (field and reason), and the text to put back.
        struct Refusal {
            var action: String
            var problems: [ValidationError]
            var typed: String
            /// For the settlement form: the two amounts as typed, in dollars.
            var typedSeller: String = ""
            var typedBuyer: String = ""
        }

        /// The open settlement proposal, as the viewer sees it.
        struct SettlementView: Encodable {
            var id: String
            var proposedBy: String
            var sellerCents: Int64
            var buyerCents: Int64
            var proposedAt: Date
            /// The viewer proposed it: they see it pending, with Withdraw.
            var mine: Bool
            var canAnswer: Bool
            var idem: String
        }

        /// The "Propose a settlement" form: what is in escrow, what was typed, and each problem on its field.
        struct SettlementForm: Encodable {
            var escrowedCents: Int64
            var seller: String
            var buyer: String
            var sellerProblem: String?
            var buyerProblem: String?
            /// An open proposal exists: a new one replaces it.
            var replaces: Bool
        }

        struct Action: Encodable {
            var action: String
            var label: String
            var secondary: Bool
            var field: String?
            var fieldLabel: String?
            var maxLength: Int?
            /// What the member typed before the step was refused, and why.
            var typed: String = ""
            var problem: String?
        }

        struct HistoryRow: Encodable {
            var at: Date
            var what: String
            var note: String
            var who: String
            var state: String
        }

        struct MilestoneRow: Encodable {
            var number: Int
            var title: String
            /// The state's code (for `data-state`) and its words.
            var state: String
            var stateText: String
            var amountCents: Int64
            var feeCents: Int64
            var netCents: Int64
            var dueDate: Date
            var canFund: Bool
            var canDeliver: Bool
            var canAccept: Bool
            /// A bank transfer for this milestone waits for an admin (manual provider).
            var awaitingTransfer: Bool
            /// Never funded, and the order has ended (cancelled, resolved, expired): it will not be.
            var lapsed: Bool
            /// Delivered and waiting for the buyer: when Guild accepts it (nil under a dispute, which stops the timer).
            var autoAcceptAt: Date?
        }

        struct DisputeView: Encodable {
            var id: String
            var state: String
            var stateText: String
            var openedBy: String
            var reason: String
            var openedAt: Date
            var answerBy: Date
            var answer: String?
            var answeredAt: Date?
            var decideBy: Date?
            var sellerCents: Int64?
            var buyerCents: Int64?
            var outcome: String?
            /// The respondent, before the answer deadline.
            var canAnswer: Bool
            /// An arbiter who is not a party, while the dispute is open.
            var canResolve: Bool
            /// What the arbiter divides: the money still in escrow for this order.
            var escrowedCents: Int64
            var isMilestoneOrder: Bool
            var idem: String
        }

        var order: OrderDTO
        var role: String
        /// The order's state code (for `data-state`) and its words.
        var state: String
        var stateText: String
        var cancellationProposedBy: String?
        var actions: [Action]
        var idem: String
        var history: [HistoryRow]
        var deliveries: [DeliveryDTO]
        var provider: String
        var isCustom: Bool
        var milestones: [MilestoneRow]
        /// Bank transfers the buyer announced that an admin has not confirmed yet (manual provider).
        var deposits: [DepositDTO]
        var disputes: [DisputeView]
        /// The refused step's problems, for the box at the top of the page.
        var problems: [String]
        var longTextMaximum: Int
        /// The order has ended with work paid for: its parties review each other (the reviews area's page).
        var hasReviews: Bool
        var autoAcceptDelay: String
        var reminderLead: String
        /// Set for the seller when the order pays less per estimated hour than MINIMUM_HOURLY_WAGE_CENTS.
        var minimumWageWarning: String? = nil
        /// The order's conversation (the messaging area's panel), for its buyer and seller, and for arbiters once disputed.
        var chat: ChatPanel? = nil
        var settlement: SettlementView?
        var settlementForm: SettlementForm?
        var settlementRules: [String]

        init(order record: OrderRecord, dto: OrderDTO, viewer: OrderActor?, user: User, deposits: [DepositDTO],
             disputes: [DisputeRecord], escrowedCents: Int64, openSettlement: SettlementRecord?, settlementEscrowCents: Int64,
             provider: String, now: Date, refused: Refusal?) {
            order = dto
            role = viewer?.spoken ?? "an arbiter"
            state = record.state
            stateText = record.orderState.spoken
            cancellationProposedBy = record.facts.cancellationProposedBy?.spoken
            idem = OrderPageForm.newKey()
            self.provider = provider
            isCustom = record.orderKind == .custom
            self.deposits = deposits
            deliveries = dto.deliveries ?? []
            longTextMaximum = OrderTextRules.longTextMaximum
            hasReviews = record.orderState == .completed || record.orderState == .resolved
            autoAcceptDelay = SpokenDuration.of(seconds: MilestoneTimers.autoAccept.afterSeconds)
            reminderLead = SpokenDuration.of(seconds: MilestoneTimers.autoAccept.afterSeconds - MilestoneTimers.reminder.afterSeconds)
            history = (dto.history ?? []).map { h in
                HistoryRow(at: h.at, what: OrderHistoryWording.spoken(event: h.event), note: h.note,
                           who: OrderActor(rawValue: h.actor)?.spoken ?? h.actor,
                           state: OrderState(rawValue: h.to)?.spoken ?? h.to)
            }

            var situation = record.situation(milestones: nil)
            let milestoneStates = (dto.milestones ?? []).map { MilestoneProgress.State(rawValue: $0.state) ?? .awaitingFunding }
            situation.milestones = isCustom ? milestoneStates : []
            // While the buyer's bank transfer for the whole order is on its way, paying again is not offered.
            let transferPending = deposits.contains { $0.milestone == nil }
            let events = viewer.map { OrderProcess.availableEvents(for: $0, in: situation) } ?? []
            actions = events.filter { !(transferPending && $0 == .fund) }.compactMap { event in
                guard var action = Self.action(for: event, state: record.orderState) else { return nil }
                if let refused, refused.action == action.action {
                    action.typed = refused.typed
                    action.problem = refused.problems.map { "\($0.field) \($0.reason)" }.joined(separator: "; ")
                }
                return action
            }
            problems = refused.map { $0.problems.map { "\(Self.fieldWords[$0.field] ?? $0.field) \($0.reason)." } } ?? []

            let waiting = Set(deposits.compactMap(\.milestone))
            milestones = (dto.milestones ?? []).map { m in
                let progress = MilestoneProgress.State(rawValue: m.state) ?? .awaitingFunding
                let steps = viewer.map { OrderProcess.availableMilestoneSteps(for: $0, index: m.index, in: situation,
                                                                              transferPending: waiting.contains(m.index + 1)) } ?? []
                return MilestoneRow(number: m.index + 1, title: m.title, state: m.state, stateText: progress.spoken,
                                    amountCents: m.amountCents, feeCents: m.feeCents, netCents: m.netCents, dueDate: m.dueDate,
                                    canFund: steps.contains(.fund), canDeliver: steps.contains(.deliver), canAccept: steps.contains(.accept),
                                    awaitingTransfer: waiting.contains(m.index + 1),
                                    lapsed: record.orderState.isTerminal && progress == .awaitingFunding,
                                    autoAcceptAt: m.autoAcceptAt)
            }

            settlementRules = SettlementRules.plainLanguage
            settlement = openSettlement.map { open in
                SettlementView(id: open.id?.uuidString ?? "", proposedBy: open.proposer.spoken, sellerCents: open.sellerCents,
                               buyerCents: open.buyerCents, proposedAt: open.createdAt, mine: viewer == open.proposer,
                               canAnswer: viewer.map { (try? SettlementRules.requireCanAnswer(open.facts, actor: $0)) != nil } ?? false,
                               idem: OrderPageForm.newKey())
            }
            if let viewer, (try? SettlementRules.requireCanPropose(actor: viewer, orderState: record.orderState, escrowedCents: settlementEscrowCents)) != nil {
                let typed = refused?.action == "settlements" ? refused : nil
                let problem = { (field: String) in
                    typed?.problems.filter { $0.field == field }.map(\.reason).joined(separator: "; ").nilIfEmpty
                }
                settlementForm = SettlementForm(escrowedCents: settlementEscrowCents, seller: typed?.typedSeller ?? "", buyer: typed?.typedBuyer ?? "",
                                                sellerProblem: problem("sellerCents"), buyerProblem: problem("buyerCents"),
                                                replaces: openSettlement != nil)
            } else {
                settlementForm = nil
            }

            let isCustom = self.isCustom
            self.disputes = disputes.map { d in
                let api = DisputeDTO(d)
                let open = d.disputeState == .open
                let canAnswer = open && viewer.map { side in
                    (try? DisputeRules.requireCanAnswer(d.facts(on: record, escrowedCents: escrowedCents), actor: side, now: now)) != nil
                } ?? false
                return DisputeView(id: api.id.uuidString, state: d.state, stateText: d.disputeState.spoken,
                                   openedBy: OrderActor(rawValue: d.openedBy)?.spoken ?? d.openedBy, reason: d.reason,
                                   openedAt: d.openedAt, answerBy: api.answerBy, answer: d.answer, answeredAt: d.answeredAt,
                                   decideBy: api.decideBy, sellerCents: d.sellerCents, buyerCents: d.buyerCents,
                                   outcome: d.outcomeReason.map { DisputeOutcome.Reason(rawValue: $0)?.spoken ?? $0 },
                                   canAnswer: canAnswer, canResolve: open && viewer == nil && user.has(.arbiter),
                                   escrowedCents: open ? escrowedCents : 0, isMilestoneOrder: isCustom, idem: OrderPageForm.newKey())
            }
        }

        /// The settlement form's fields as the page labels them, for the problems box.
        static let fieldWords = ["sellerCents": "To the seller:", "buyerCents": "Back to the buyer:"]

        /// The button for an event the process allows; the labels depend on whether the order is paid yet.
        static func action(for event: OrderEvent, state: OrderState) -> Action? {
            let unpaid = state == .awaitingPayment
            switch event {
            case .fund: return Action(action: "fund", label: "Pay into escrow", secondary: false)
            case .deliver:
                return Action(action: "deliver", label: "Deliver", secondary: false, field: "message",
                              fieldLabel: "What you are delivering (and links, one per line)", maxLength: OrderTextRules.longTextMaximum)
            case .accept: return Action(action: "accept", label: "Accept and release payment", secondary: false)
            case .requestRevision:
                return Action(action: "revision", label: "Request a revision", secondary: true, field: "message",
                              fieldLabel: "What should change", maxLength: OrderTextRules.noteMaximum)
            case .proposeCancellation:
                return Action(action: "cancel", label: unpaid ? "Withdraw the order" : "Propose to cancel", secondary: true)
            case .acceptCancellation:
                return Action(action: "cancel-accept", label: "Agree to cancel (full refund to the buyer)", secondary: true)
            case .cancelBySeller:
                return Action(action: "decline", label: unpaid ? "Decline the order" : "Cancel and refund (counts against you)", secondary: true)
            case .openDispute:
                return Action(action: "dispute", label: "Open a dispute", secondary: true, field: "reason",
                              fieldLabel: "What went wrong", maxLength: OrderTextRules.longTextMaximum)
            default: return nil
            }
        }

        /// What the member reads after a step, with the delays the timers run.
        static func done(_ event: OrderEvent) -> String {
            switch event {
            case .fund: "Paid into escrow. The seller can start."
            case .deliver: "Delivered. The buyer has \(OrderProcess.autoAcceptDelayText) to answer."
            case .accept: "Accepted. The seller has been paid."
            case .requestRevision: "Revision requested."
            case .proposeCancellation: "Done. If the order was paid, the other side must agree before it is cancelled."
            case .acceptCancellation: "Cancelled. The buyer has been refunded in full."
            case .cancelBySeller: "Cancelled."
            case .openDispute: "Dispute opened. The other side has \(DisputeRules.answerWindowText) to answer."
            default: "Done."
            }
        }
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
