package io.dbsync.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grok-like patterns of {@code custom_map_vars} ("/Users/%{DATA:variable}/%{GREEDYDATA}"): known
 * token names, one named capture. The config is checked with {@link #check} when it is read, so a
 * malformed pattern is an error naming the key instead of a mapping that silently never applies.
 */
public final class Grok {
  private static final Map<String, String> TOKENS = Map.of(
      "GREEDYDATA", ".*", "DATA", ".*?", "NOTSPACE", "\\S+", "WORD", "\\w+", "INT", "[+-]?[0-9]+",
      "NUMBER", "[+-]?[0-9]+(?:\\.[0-9]+)?", "USERNAME", "[a-zA-Z0-9._-]+", "EMAILADDRESS", "[^@\\s]+@[^@\\s]+",
      "PATH", "(?:/[^/]*)+", "SPACE", "\\s*");
  private static final Pattern TOKEN = Pattern.compile("%\\{([A-Z_]+)(?::([A-Za-z_][A-Za-z0-9_]*))?}");

  private Grok() {}

  /** A grok pattern as a regular expression with exactly the named captures it declares. */
  public static Pattern compile(String grok) {
    StringBuilder re = new StringBuilder();
    Matcher m = TOKEN.matcher(grok);
    int last = 0;
    while (m.find()) {
      appendLiteral(re, grok.substring(last, m.start()));
      String body = TOKENS.get(m.group(1));
      if (body == null) {
        throw new IllegalArgumentException("unknown grok pattern %{" + m.group(1) + "} (known: "
            + new java.util.TreeSet<>(TOKENS.keySet()) + ")");
      }
      re.append(m.group(2) == null ? "(?:" + body + ")" : "(?<" + m.group(2) + ">" + body + ")");
      last = m.end();
    }
    appendLiteral(re, grok.substring(last));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Why {@code grok} cannot map a value (empty when it can): bad tokens, not exactly one named capture. */
  static String problem(String grok) {
    if (grok == null || grok.isBlank() || grok.equals("null")) {
      return ""; // maps the whole value
    }
    Pattern p;
    try {
      p = compile(grok);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (TOKEN.matcher(grok).replaceAll("").contains("%{")) {
      return "malformed token (expected %{NAME} or %{NAME:capture})";
    }
    int captures = p.namedGroups().size();
    return captures == 1 ? "" : "needs exactly one named capture such as %{DATA:variable}, has " + captures;
  }

  private static void appendLiteral(StringBuilder re, String literal) {
    if (!literal.isEmpty()) {
      re.append(Pattern.quote(literal));
    }
  }
}
