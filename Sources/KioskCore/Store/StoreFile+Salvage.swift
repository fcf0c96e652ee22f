#if canImport(Glibc)
import Glibc
#endif

extension StoreError {
    /// Whether a read failed because the medium could not give the bytes back: EIO (a bad
    /// sector of an SD card), or EBADMSG/EUCLEAN (a file system's own checksum failed). Such
    /// bytes are damage to set aside, like a checksum that does not hold, not a reason to stop.
    var isUnreadable: Bool {
        guard case .io(let operation, _, let e) = self, operation == "read" else { return false }
        return [EIO, EBADMSG, EUCLEAN].contains(e.rawValue)
    }
}

extension StoreFile {
    /// The unit in which a read error is narrowed down: the page cache reads whole pages, so a
    /// bad sector makes its whole page unreadable.
    static let salvageBlock = 4096

    /// Like `read(into:at:)`, but a block that cannot be read is filled with zeros and named in
    /// `unreadable` instead of failing the read. Zeros never hold a frame's prefix and fail
    /// every checksum over bytes that were not zeros, so the frames they cover become damage.
    func readSalvaging(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(StoreError)
        -> (count: Int, unreadable: [Range<Int>])
    {
        do {
            return (try read(into: buffer, at: offset), [])
        } catch where error.isUnreadable {}
        // Zeros go no further than the end of the file.
        let end = min(offset + buffer.count, max(offset, try size()))
        var unreadable: [Range<Int>] = []
        var position = offset
        while position < end {
            let blockEnd = min((position / Self.salvageBlock + 1) * Self.salvageBlock, end)
            let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[(position - offset)..<(blockEnd - offset)])
            do {
                let n = try read(into: piece, at: position)
                if n < piece.count { return (position - offset + n, unreadable) }
            } catch where error.isUnreadable {
                piece.initializeMemory(as: UInt8.self, repeating: 0)
                if let last = unreadable.last, last.upperBound == position {
                    unreadable[unreadable.count - 1] = last.lowerBound..<blockEnd
                } else {
                    unreadable.append(position..<blockEnd)
                }
            }
            position = blockEnd
        }
        return (end - offset, unreadable)
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file), unreadable blocks zeroed.
    func readSalvaging(count: Int, at offset: Int) throws(StoreError) -> (bytes: [UInt8], unreadable: [Range<Int>]) {
        var bytes = [UInt8](repeating: 0, count: count)
        let (n, unreadable) = try bytes.withUnsafeMutableBytes { raw in
            Result { () throws(StoreError) in try readSalvaging(into: raw, at: offset) }
        }.get()
        bytes.removeLast(count - n)
        return (bytes, unreadable)
    }
}
