// Shared test data for the informational-interview domain: fixed dates, ids and realistic findings.
import Foundation
@testable import GuildCore

enum InterviewFixtures {
    static let utc = TimeZone(identifier: "UTC")!
    static let paris = TimeZone(identifier: "Europe/Paris")!

    /// 2025-12-01 is a Monday.
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 10, _ minute: Int = 0, zone: TimeZone = utc) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    static func finding(_ n: Int, _ kind: FindingKind, _ statement: String, share: Bool = false, source: String = "Logistics Weekly, 2025") -> ResearchFinding {
        ResearchFinding(id: id(n), kind: kind, statement: statement, source: source, recordedAt: date(2025, 11, n % 28 + 1), share: share)
    }

    static let competitor = finding(1, .competitor, "DHL, Kuehne+Nagel and DSV lead freight forwarding in Europe")
    static let trend = finding(2, .trend, "Near-shoring is moving warehouse capacity closer to customers")
    static let challenge = finding(3, .challenge, "Driver shortages keep delaying last-mile delivery")
    static let innovation = finding(4, .innovation, "Warehouses are piloting AI technology for demand forecasting")
    static let salary = finding(5, .salary, "Junior planners earn 32,000 to 38,000 euros a year")
    static let lifestyle = finding(6, .lifestyle, "Shift work and weekend peaks are common in operations")
    static let careerPath = finding(7, .careerPath, "Planner, then team lead, then operations manager within about eight years")
    static let skills = finding(8, .skills, "Excel, SQL and a supply-chain certificate are expected")
    static let culture = finding(9, .culture, "Teams are small and decisions are made quickly on the floor")
    static let shared = finding(10, .trend, "A new EU rule will require emissions reporting for freight from 2026", share: true)

    static let allKinds = [competitor, trend, challenge, innovation, salary, lifestyle, careerPath, skills, culture]

    static func contact(
        seniority: Seniority = .mid, focusArea: String? = nil, channel: ContactChannel = .email, referredBy: String? = nil
    ) -> InterviewContact {
        InterviewContact(
            id: id(100), name: "Amara Okafor", title: "Operations Manager", organisation: "Northwind Freight",
            email: "amara@northwind.example", seniority: seniority, focusArea: focusArea,
            preferredChannel: channel, referredBy: referredBy
        )
    }

    static let explorer = ExplorerProfile(
        name: "Jonas Weber", headline: "accountant moving into logistics planning",
        profileURL: "https://guild.example/u/jonas", availability: "weekdays after 1 pm", email: "jonas@example.org"
    )

    static let target = ResearchTarget(id: id(200), kind: .industry, name: "logistics")
}
