// The orders area: escrowed orders, the ledger, payouts, timers, and their pages.
import Vapor
import Fluent

struct OrdersFeature: Feature {
    var migrations: [any Migration] {
        [CreateLedgerAccounts(), CreateLedgerTransfers(), CreateLedgerEntries(), CreateLedgerHolds(), CreateLedgerPayouts(),
         CreateOrders(), CreateLedgerDeposits(), CreateIdempotencyRecords(), CreateOrderEvents(), CreateOrderMilestones(),
         CreateOrderDeliveries(), CreateOrderDisputes(), CreateOrderNotifications(), AddMilestonePositionToLedgerDeposits(),
         AddDeliveredAtToOrderMilestones(), AddRemindedAtToOrderMilestones()]
    }

    var models: [any Model.Type] {
        [LedgerAccountRecord.self, LedgerTransferRecord.self, LedgerEntryRecord.self, HoldRecord.self, PayoutRecord.self,
         OrderRecord.self, DepositRecord.self, IdempotencyRecord.self, OrderEventRecord.self, MilestoneRecord.self,
         DeliveryRecord.self, DisputeRecord.self, OrderNotificationRecord.self]
    }

    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {
        try api.register(collection: OrdersAPIController())
        // /orders/custom/new is registered before /orders/:orderID, as a literal path wins either way.
        for page: any RouteCollection in [PolicyPage(), CheckoutPage(), CustomOrderPage(), OrderListPage(), OrderPage(),
                                          MilestoneStepPage(), DisputePage(), SettlementPage(), DisputeListPage(), BalancePage(), AdminMoneyPage()] {
            try pages.register(collection: page)
        }
    }

    func demo(_ demo: DemoContext) async throws {
        try await OrderDemo.run(demo)
    }

    func boot(_ app: Application) throws {
        app.paymentProvider = app.guild.payments.provider == .manual ? ManualPaymentProvider() : SandboxPaymentProvider()
        app.asyncCommands.use(LedgerCommand(), as: "ledger")
        app.asyncCommands.use(JobsCommand(), as: "jobs")
        // Timers run only in the server, never in `guild demo`, `ledger verify` or the tests.
        let command = app.environment.arguments.dropFirst().first
        if app.environment != .testing && (command == "serve" || command == nil) {
            app.lifecycle.use(TimerLoop(intervalSeconds: app.guild.payments.jobsIntervalSeconds))
        }
    }

    func runTimers(_ app: Application) async throws -> [(String, Int)] {
        let s = try await OrderTimers.runDue(app: app)
        return [("orders expired", s.expired), ("reminded", s.reminded), ("auto-accepted", s.autoAccepted),
                ("disputes decided", s.disputesDecided), ("milestones reminded", s.milestonesReminded),
                ("milestones auto-accepted", s.milestonesAutoAccepted), ("skipped", s.failed)]
    }
}

/// The orders area's tables added after its list had shipped with areas behind it (interviews, reviews, levels).
/// Appending to `OrdersFeature.migrations` would put a new migration before those areas' and change the order that
/// `UpgradeTests` pins for every database already made; registered last in `Features.all`, the order only grows.
/// Routes stay in `OrdersFeature`.
struct OrderSettlementsFeature: Feature {
    var migrations: [any Migration] { [CreateOrderSettlements()] }
    var models: [any Model.Type] { [SettlementRecord.self] }
    func routes(api: any RoutesBuilder, pages: any RoutesBuilder) throws {}
}
