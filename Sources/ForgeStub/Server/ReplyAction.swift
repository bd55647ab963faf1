/// The action a connection takes for one request, chosen by ``StubRouter``.
enum ReplyAction: Sendable {
    case respond(StubResponse)

    /// Keeps the connection open without a response.
    case hang

    /// Sends the head at once and the body at this rate.
    case trickle(StubResponse, bytesPerSecond: Int)

    /// Closes the connection without a response.
    case close
}
