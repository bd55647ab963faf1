internal import CCurl
import Foundation

/// Raw libcurl handle types. libcurl declares `CURL` and `CURLM` as `void`, so Swift imports them as plain pointers.
typealias CurlEasyPointer = UnsafeMutableRawPointer
typealias CurlMultiPointer = UnsafeMutableRawPointer

/// An error from a libcurl call that is not a transfer result, such as a failed `curl_easy_setopt`.
struct CurlError: Error, CustomStringConvertible {
    var message: String

    var description: String {
        message
    }
}

enum Curl {
    /// Initialises libcurl once per process. `curl_global_init` is not thread-safe, so it runs
    /// inside a `static let`, which Swift initialises exactly once.
    private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    static func initialise() throws {
        guard initialised else {
            throw CurlError(message: "libcurl failed to initialise (curl_global_init)")
        }
    }

    /// Throws for any easy-interface result code but `CURLE_OK`, naming the step that failed: the one
    /// funnel for libcurl results.
    static func check(_ code: CURLcode, _ step: @autoclosure () -> String) throws {
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            throw CurlError(message: "libcurl failed to \(step()): \(reason)")
        }
    }

    static func check(_ code: CURLMcode, _ step: @autoclosure () -> String) throws {
        guard code == CURLM_OK else {
            let reason = String(cString: curl_multi_strerror(code))
            throw CurlError(message: "libcurl failed to \(step()): \(reason)")
        }
    }
}
