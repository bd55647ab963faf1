extension StubRouter {
    /// Serves `/_stub/…`, the endpoints with which scripts and benchmarks read and change the stub.
    func routeControl(_ context: RequestContext) -> StubResponse {
        switch (context.request.method, context.target.path) {
        case ("GET", "/_stub/requests"):
            return StubResponse(status: 200, json: .object([("count", .int(store.requestCount))]))

        case ("POST", "/_stub/reset"):
            store.resetRequests()
            return StubResponse(status: 200, json: .object([("count", .int(0))]))

        case ("POST", "/_stub/mutate"):
            let text = context.target.queryValue("fraction") ?? ""
            guard let fraction = Double(text), fraction >= 0, fraction <= 1 else {
                let message = "invalid fraction '\(text)': expected a number from 0 to 1, as in /_stub/mutate?fraction=0.1"
                return StubResponse(status: 400, json: .object([("message", .string(message))]))
            }
            return StubResponse(status: 200, json: .object([("changed", .int(store.mutate(fraction: fraction)))]))

        default:
            let message = "unknown control route \(context.request.method) \(context.target.path); "
                + "expected GET /_stub/requests, POST /_stub/reset or POST /_stub/mutate?fraction=F"
            return StubResponse(status: 404, json: .object([("message", .string(message))]))
        }
    }
}
