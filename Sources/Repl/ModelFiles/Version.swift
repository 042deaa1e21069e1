/// The version `cnnrepl --version` prints, and the licence it is distributed under.
public enum CnnreplVersion {
  public static let string = "0.2.0"

  /// SPDX identifier of the licence (`LICENSE` holds its text).
  public static let licence = "GPL-3.0-or-later"

  /// What `cnnrepl --version` prints after the number.
  public static let licenceLines = [
    "Copyright (C) 2026 the cnnrepl authors.",
    "Licence GPL-3.0-or-later: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.",
    "This is free software: you are free to change and redistribute it.",
    "There is NO WARRANTY, to the extent permitted by law.",
  ]
}
