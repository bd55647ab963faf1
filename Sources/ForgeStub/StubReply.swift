/// A scripted reply that replaces the normal response to one request.
public enum StubReply: Sendable {
    /// A response with these headers and body. `Date` is added when absent, and `Content-Length` always.
    case response(status: Int, headers: [(String, String)] = [], body: String = "")

    /// Reads the request and sends no response. The connection stays open until the client closes it or the stub stops.
    case hang

    /// Sends status 200 and headers with the full `Content-Length`, then the body at this rate.
    case trickle(bytesPerSecond: Int, body: String)

    /// Closes the connection without a response.
    case close
}
