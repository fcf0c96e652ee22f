import Foundation
import Testing
@testable import KioskCore

@Suite struct HealthSamplePercentileTests {
    @Test func nearestRankOnKnownData() {
        let tenToFifty: [Double] = [15, 20, 35, 40, 50]
        #expect(NearestRank.percentile(5, ofSorted: tenToFifty) == 15)
        #expect(NearestRank.percentile(30, ofSorted: tenToFifty) == 20)
        #expect(NearestRank.percentile(40, ofSorted: tenToFifty) == 20)
        #expect(NearestRank.percentile(50, ofSorted: tenToFifty) == 35)
        #expect(NearestRank.percentile(100, ofSorted: tenToFifty) == 50)
        let oneToTwenty = (1...20).map(Double.init)
        #expect(NearestRank.percentile(50, ofSorted: oneToTwenty) == 10)
        #expect(NearestRank.percentile(95, ofSorted: oneToTwenty) == 19)
        let oneToTen = (1...10).map(Double.init)
        #expect(NearestRank.percentile(50, ofSorted: oneToTen) == 5)
        #expect(NearestRank.percentile(95, ofSorted: oneToTen) == 10)
    }

    @Test func fewValues() {
        #expect(NearestRank.percentile(50, ofSorted: []) == nil)
        #expect(NearestRank.percentile(95, ofSorted: [7]) == 7)
        #expect(NearestRank.percentile(50, ofSorted: [1, 2, 3, 4]) == 2)
        #expect(NearestRank.percentile(95, ofSorted: [1, 2, 3]) == 3)
        #expect(NearestRank.percentile(0, ofSorted: [1, 2, 3]) == 1)
    }

    @Test func unsortedValuesAreSortedFirst() {
        #expect(NearestRank.percentile(50, of: [9, 1, 5, 3, 7]) == 5)
    }
}
