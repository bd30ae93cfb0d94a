// The search answer written as JSON by hand: the same document `SearchResponse`'s Codable form gives (the same keys,
// values and null cursor; `SearchAPITests` compares the two), without the generic encoder's per-value boxing, which
// cost a sixth of a search's time in the profile (bench/RESULTS.md).
import Foundation
import NIOCore
import GuildCore

struct JSONWriter {
    /// The document's bytes: an array appended to (one capacity check per byte, inlined), handed to NIO once at the end.
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var buffer: ByteBuffer { ByteBufferAllocator().buffer(bytes: bytes) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func string(_ s: String) {
        var s = s
        byte(UInt8(ascii: "\""))
        s.withUTF8 { utf8 in
            var pending = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[pending..<i]))
                switch b {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    raw("\\u00")
                    hex.withUTF8Buffer { h in
                        bytes.append(h[Int(b >> 4)])
                        bytes.append(h[Int(b & 0xF)])
                    }
                }
                pending = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[pending..<utf8.count]))
        }
        byte(UInt8(ascii: "\""))
    }

    mutating func number(_ d: Double) {
        // Swift prints the shortest text that reads back as the same double, as the encoder does; scores are finite.
        guard d.isFinite else { raw("null"); return }
        if d == d.rounded(.towardZero) && abs(d) < 1e15 {
            integer(Int64(d))
        } else {
            bytes.append(contentsOf: d.description.utf8)
        }
    }

    mutating func integer<T: BinaryInteger>(_ i: T) {
        var v = Int64(i)
        if v < 0 { byte(UInt8(ascii: "-")); v = -v }
        digits(UInt64(v), width: 1)
    }

    /// `v` in decimal, zero-padded to at least `width` digits, without making a string.
    mutating func digits(_ v: UInt64, width: Int) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any UInt64
        withUnsafeMutableBytes(of: &scratch) { bytes in
            var n = v, i = bytes.count
            repeat { i -= 1; bytes[i] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10 } while n > 0 || bytes.count - i < width
            self.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i...]))
        }
    }
    mutating func bool(_ b: Bool) { b ? raw("true") : raw("false") }
    /// As `uuidString` writes it (upper-case hex, 8-4-4-4-12), straight from the bytes.
    mutating func uuid(_ id: UUID) {
        let hex: StaticString = "0123456789ABCDEF"
        let u = id.uuid
        byte(UInt8(ascii: "\""))
        hex.withUTF8Buffer { h in
            withUnsafeBytes(of: u) { source in
                for (i, b) in source.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 { bytes.append(UInt8(ascii: "-")) }
                    bytes.append(h[Int(b >> 4)])
                    bytes.append(h[Int(b & 0xF)])
                }
            }
        }
        byte(UInt8(ascii: "\""))
    }

    /// Whole seconds in UTC, as the API's ISO 8601 dates are written (`2026-12-04T18:55:03Z`).
    mutating func date(_ date: Date) {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        byte(UInt8(ascii: "\""))
        digits(UInt64(max(0, Int(parts.tm_year) + 1900)), width: 4)
        byte(UInt8(ascii: "-")); digits(UInt64(parts.tm_mon + 1), width: 2)
        byte(UInt8(ascii: "-")); digits(UInt64(parts.tm_mday), width: 2)
        byte(UInt8(ascii: "T")); digits(UInt64(parts.tm_hour), width: 2)
        byte(UInt8(ascii: ":")); digits(UInt64(parts.tm_min), width: 2)
        byte(UInt8(ascii: ":")); digits(UInt64(parts.tm_sec), width: 2)
        raw("Z\"")
    }
}

extension SearchResponse {
    /// The answer's JSON body, written directly.
    func jsonBody() -> ByteBuffer {
        var w = JSONWriter(capacity: 512 + results.count * (results.first?.explain == nil ? 520 : 1_100))
        w.raw("{\"results\":[")
        for (i, item) in results.enumerated() {
            if i > 0 { w.raw(",") }
            let g = item.gig
            w.raw("{\"gig\":{\"id\":"); w.uuid(g.id)
            w.raw(",\"title\":"); w.string(g.title)
            w.raw(",\"category\":"); w.string(g.category)
            if let sub = g.subcategory { w.raw(",\"subcategory\":"); w.string(sub) }
            w.raw(",\"sellerId\":"); w.uuid(g.sellerId)
            w.raw(",\"sellerName\":"); w.string(g.sellerName)
            w.raw(",\"sellerLevel\":"); w.string(g.sellerLevel)
            w.raw(",\"sellerLevelLabel\":"); w.string(g.sellerLevelLabel)
            if let rating = g.rating { w.raw(",\"rating\":"); w.number(rating) }
            w.raw(",\"ratingCount\":"); w.integer(g.ratingCount)
            w.raw(",\"ratingScore\":"); w.number(g.ratingScore)
            w.raw(",\"startingPriceCents\":"); w.integer(g.startingPriceCents)
            w.raw(",\"fastestDeliveryDays\":"); w.integer(g.fastestDeliveryDays)
            w.raw(",\"isPro\":"); w.bool(g.isPro)
            w.raw(",\"createdAt\":"); w.date(g.createdAt)
            w.raw(",\"createdAtMs\":"); w.integer(g.createdAtMs)
            w.raw("},\"score\":"); w.number(item.score)
            w.raw(",\"afterSellerLimit\":"); w.bool(item.afterSellerLimit)
            if let explain = item.explain {
                w.raw(",\"explain\":[")
                for (j, f) in explain.enumerated() {
                    if j > 0 { w.raw(",") }
                    w.raw("{\"key\":"); w.string(f.key)
                    w.raw(",\"label\":"); w.string(f.label)
                    w.raw(",\"value\":"); w.number(f.value)
                    w.raw(",\"weight\":"); w.number(f.weight)
                    w.raw(",\"contribution\":"); w.number(f.contribution)
                    w.raw("}")
                }
                w.raw("]")
            }
            w.raw("}")
        }
        w.raw("],\"nextCursor\":")
        if let next = nextCursor { w.string(next) } else { w.raw("null") }
        if let rule = sellerLimitRule { w.raw(",\"sellerLimitRule\":"); w.string(rule) }
        w.raw("}")
        return w.buffer
    }
}
