/// The version `cnnrepl --version` prints.
public enum CnnreplVersion {
  public static let string = "0.1.0"
}
