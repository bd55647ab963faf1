import Testing

@testable import ContributorKit

/// `RowIDMap` keeps compact ids in an array and the rest in a dictionary. Every id must read back
/// what was stored last, on either side.
@Suite struct RowIDMapTests {
    @Test func compactIDsReadBack() {
        var map = RowIDMap()
        for id in 1...5_000 {
            map[id] = id * 2
        }
        #expect(map[0] == nil)
        #expect(map[1] == 2)
        #expect(map[5_000] == 10_000)
        #expect(map[5_001] == nil)
        #expect(map[-1] == nil)
    }

    @Test func farAndNegativeIDsReadBack() {
        var map = RowIDMap()
        map[Int.max] = 1
        map[-7] = 2
        map[3] = 0
        #expect(map[Int.max] == 1)
        #expect(map[-7] == 2)
        #expect(map[3] == 0)
        #expect(map[4] == nil)
    }

    /// An id stored while it was beyond the array's reach stays readable after the array grows past it.
    @Test func idStoredBeforeTheArrayReachedIt() {
        var map = RowIDMap()
        map[100_000] = 9
        for id in 0..<30_000 {
            map[id] = 1
        }
        // The array now reaches past 100,000, so this write lands in it and must replace the old value.
        for id in 30_000...100_001 {
            map[id] = 1
        }
        #expect(map[100_000] == 1)
        map[100_000] = nil
        #expect(map[100_000] == nil)
    }

    @Test func overwriteAndRemove() {
        var map = RowIDMap()
        map[10] = 1
        map[10] = 4
        #expect(map[10] == 4)
        map[10] = nil
        #expect(map[10] == nil)
        map[1 << 40] = 5
        map[1 << 40] = nil
        #expect(map[1 << 40] == nil)
    }
}
