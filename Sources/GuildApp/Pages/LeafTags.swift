// Small Leaf tags the templates use.
import Vapor
import Leaf
import GuildCore

enum LeafTags {
    static func register(on app: Application) {
        app.leaf.tags["money"] = MoneyTag()
    }
}

/// `#money(cents)` → "$1,234.50".
struct MoneyTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let first = ctx.parameters.first, let cents = first.int else { return .string("") }
        return .string(MoneyFormat.format(cents: Int64(cents)))
    }
}
