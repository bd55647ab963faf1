#if canImport(Glibc)
import Glibc
#endif

/// The SplitMix64 pseudo-random generator, which gives the same sequence for a seed on every platform and Swift version.
///
/// The demo data must not change between runs, so this does not use the standard library's random
/// algorithms, whose output for a given generator is not promised to stay the same.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// Returns a value in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// Returns a value in `range`. The modulo bias is below 2^-40 for the small ranges the demo uses.
    mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    mutating func chance(_ probability: Double) -> Bool {
        nextUnit() < probability
    }

    mutating func element<T>(of array: [T]) -> T {
        array[nextInt(in: 0...(array.count - 1))]
    }

    /// Shuffles `array` in place with the Fisher–Yates algorithm.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else {
            return
        }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(index, nextInt(in: 0...index))
        }
    }

    /// Picks `count` distinct indices of `weights`, each with a chance that grows with its weight.
    ///
    /// This is the Efraimidis–Spirakis method: every index gets the key u^(1/weight) and the largest keys win.
    mutating func weightedSample(weights: [Double], count: Int) -> [Int] {
        var keyed: [(key: Double, index: Int)] = []
        keyed.reserveCapacity(weights.count)
        for (index, weight) in weights.enumerated() where weight > 0 {
            let uniform = max(nextUnit(), Double.leastNonzeroMagnitude)
            keyed.append((key: pow(uniform, 1 / weight), index: index))
        }
        keyed.sort { $0.key > $1.key }
        return keyed.prefix(count).map(\.index)
    }
}
