package io.dbsync.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials embedded in URLs: "s3a://KEY:SECRET@bucket", "https://user:token@host/repo.git",
 * "https://token@github.com/..." and signed query strings ("?sv=...&amp;sig=...", X-Amz-Signature,
 * token=...). The export replaces them by sensitive variables; messages and reports redact them.
 *
 * <p>A user part without a password is not a credential outside http(s) ("abfss://container@account"
 * names a container); over http(s) any user part is, as git and package indexes take tokens there.
 */
public final class UrlCredentials {
  private static final Pattern URL = Pattern.compile(
      "([A-Za-z][A-Za-z0-9+.-]*):/+(?:([A-Za-z0-9._~%!$&'()*+,;=:-]+)@)?([^\\s/?#@\"'<>\\\\]*)([^\\s?#\"'<>\\\\]*)(\\?[A-Za-z0-9._~%!$&'()*+,;=:/?@-]*)?");
  /** Query parameters that carry a secret (SAS signatures, presigned URLs, tokens, passwords). */
  private static final Set<String> SECRET_PARAMS = Set.of("sig", "signature", "x-amz-signature", "x-amz-credential",
      "x-amz-security-token", "x-goog-signature", "x-goog-credential", "token", "access_token", "password", "passwd",
      "pwd", "secret", "client_secret", "key", "apikey", "api_key", "api-key", "code");

  private UrlCredentials() {}

  /** Where a credential sits in a text: [start, end) and whether it is a user part or a query. */
  public record Span(int start, int end, boolean query) {}

  /** The credentials in {@code text}, in order (empty when none). */
  public static List<Span> find(String text) {
    List<Span> out = new ArrayList<>();
    if (text == null || !text.contains(":/")) {
      return out;
    }
    Matcher m = URL.matcher(text);
    while (m.find()) {
      String scheme = m.group(1).toLowerCase(Locale.ROOT);
      String user = m.group(2);
      if (user != null && (user.contains(":") || scheme.equals("http") || scheme.equals("https"))) {
        out.add(new Span(m.start(2), m.end(2), false));
      }
      String query = m.group(5);
      if (query != null && hasSecretParameter(query)) {
        out.add(new Span(m.start(5) + 1, m.end(5), true));
      }
    }
    return out;
  }

  private static boolean hasSecretParameter(String query) {
    for (String pair : query.substring(1).split("&")) {
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (SECRET_PARAMS.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** The text with every credential replaced by what {@code replacement} gives for it. */
  public static String replace(String text, Function<Span, String> replacement) {
    List<Span> spans = find(text);
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Span s : spans) {
      out.append(text, at, s.start()).append(replacement.apply(s));
      at = s.end();
    }
    return out.append(text.substring(at)).toString();
  }

  /** For messages and reports: credentials shown as "***". */
  public static String redact(String text) {
    return text == null ? null : replace(text, s -> "***");
  }
}
