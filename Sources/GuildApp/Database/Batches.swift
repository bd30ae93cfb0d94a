// Long id lists go to the database in batches: PostgreSQL takes at most 65,535 parameters in one statement.
extension Array {
    /// Consecutive slices of at most `size` elements, in order.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
