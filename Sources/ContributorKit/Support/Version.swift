/// The version of fetch-contributors, sent in `User-Agent` and printed by `--version`.
public enum Version {
    public static let string = "0.1.0"
}
