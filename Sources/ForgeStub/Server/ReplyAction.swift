/// What a connection does with one request, decided by ``StubRouter``.
enum ReplyAction: Sendable {
    case respond(StubResponse)

    /// Keeps the connection open without answering.
    case hang

    /// Sends the head at once and the body at this rate.
    case trickle(StubResponse, bytesPerSecond: Int)

    /// Closes the connection without answering.
    case close
}
