package io.dbsync.config;

import java.util.regex.Pattern;

/**
 * Glob patterns as the export YAML uses them (exclude_path, patterns): {@code **} matches across
 * '/', {@code *} matches within one path segment, {@code ?} matches one character, the rest is
 * literal. Implemented here rather than with {@code java.nio} PathMatcher so that matching works on
 * workspace paths (always '/') whatever the local file system is.
 */
public final class Globs {
  private Globs() {}

  public static Pattern compile(String glob) {
    return compile(glob, false);
  }

  /**
   * With {@code starCrossesSlash} a single {@code *} also matches '/', like Python's fnmatch that the
   * seed used for name {@code patterns} ("*" selects every name, whatever it contains).
   */
  public static Pattern compile(String glob, boolean starCrossesSlash) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else {
          re.append(starCrossesSlash ? ".*" : "[^/]*");
        }
      } else if (c == '?') {
        re.append(starCrossesSlash ? "." : "[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  public static boolean matches(String glob, String path) {
    return compile(glob).matcher(path).matches();
  }
}
