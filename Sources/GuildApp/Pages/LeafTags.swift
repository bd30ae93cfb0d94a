// Small Leaf tags the templates use.
import Vapor
import Leaf
import GuildCore

enum LeafTags {
    static func register(on app: Application) {
        app.leaf.tags["money"] = MoneyTag()
        app.leaf.tags["when"] = SpokenDateTag(withTime: true)
        app.leaf.tags["day"] = SpokenDateTag(withTime: false)
    }
}

/// `#money(cents)` → "$1,234.50".
struct MoneyTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let first = ctx.parameters.first, let cents = first.int else { return .string("") }
        return .string(MoneyFormat.format(cents: Int64(cents)))
    }
}

/// `#when(date)` → "tomorrow at 14:05", `#day(date)` → "Thursday 10 December": in the signed-in member's time zone
/// (UTC, said so, for visitors and members who have not set one), relative to the app's clock.
struct SpokenDateTag: LeafTag {
    var withTime: Bool

    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let first = ctx.parameters.first, let seconds = first.double else { return .string("") }
        let date = Date(timeIntervalSince1970: seconds)
        let zone = SpokenDate.timeZone(ctx.request?.auth.get(User.self)?.timezone)
        let now = ctx.request?.application.clock.now() ?? Date()
        return .string(withTime ? SpokenDate.moment(date, now: now, in: zone) : SpokenDate.day(date, now: now, in: zone))
    }
}
