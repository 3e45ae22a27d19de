package io.dbsync.emulator.uc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cursor over SQL DDL text: keywords (case-insensitive, whole words), quoted strings ('..' with ''
 * or \' escapes), backticked or plain identifiers, and balanced parenthesised groups that respect
 * quotes. Malformed input is a {@link io.dbsync.emulator.sql.HiveCatalog.SqlError} PARSE_SYNTAX_ERROR.
 */
final class DdlReader {
  private final String s;
  private int pos;

  DdlReader(String s) {
    this.s = s;
  }

  boolean atEnd() {
    skipSpace();
    return pos >= s.length();
  }

  /** Consumes the words (separated by any whitespace) when they come next; false leaves the cursor. */
  boolean keyword(String words) {
    skipSpace();
    int p = pos;
    for (String w : words.split(" ")) {
      while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
        p++;
      }
      if (!s.regionMatches(true, p, w, 0, w.length())) {
        return false;
      }
      p += w.length();
      if (p < s.length() && isIdentChar(s.charAt(p))) {
        return false;
      }
    }
    pos = p;
    return true;
  }

  /** The next word, not consumed (upper-case; "" at the end or before punctuation). */
  String peekWord() {
    skipSpace();
    int p = pos;
    while (p < s.length() && isIdentChar(s.charAt(p))) {
      p++;
    }
    return s.substring(pos, p).toUpperCase(Locale.ROOT);
  }

  /** A single- or double-quoted string literal, unescaped. */
  String quoted() {
    skipSpace();
    if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
      throw syntax("expected a quoted string");
    }
    char q = s.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '\\' && pos < s.length()) {
        out.append(s.charAt(pos++));
      } else if (c == q && pos < s.length() && s.charAt(pos) == q) {
        out.append(q);
        pos++;
      } else if (c == q) {
        return out.toString();
      } else {
        out.append(c);
      }
    }
    throw syntax("unterminated string");
  }

  /** The parts of a dotted name whose parts may be backticked ("`a`.b . c"), lower-cased. */
  static List<String> nameParts(String qualifiedName) {
    DdlReader r = new DdlReader(qualifiedName);
    List<String> out = new ArrayList<>();
    do {
      out.add(r.identifier().toLowerCase(Locale.ROOT));
    } while (r.consume('.'));
    return out;
  }

  /** A backticked or plain identifier. */
  String identifier() {
    skipSpace();
    if (pos < s.length() && s.charAt(pos) == '`') {
      int end = s.indexOf('`', pos + 1);
      if (end < 0) {
        throw syntax("unterminated identifier");
      }
      String id = s.substring(pos + 1, end);
      pos = end + 1;
      return id;
    }
    int start = pos;
    while (pos < s.length() && isIdentChar(s.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw syntax("expected an identifier");
    }
    return s.substring(start, pos);
  }

  boolean peek(char c) {
    skipSpace();
    return pos < s.length() && s.charAt(pos) == c;
  }

  /** Consumes the character when it comes next. */
  boolean consume(char c) {
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  /** The text inside the balanced parentheses that come next. */
  String parenGroup() {
    if (!peek('(')) {
      throw syntax("expected '('");
    }
    int end = walk(s, pos, false, (i, c, depth) -> c == ')' && depth == 0);
    if (end == s.length()) {
      throw syntax("unbalanced parentheses");
    }
    String inner = s.substring(pos + 1, end);
    pos = end + 1;
    return inner;
  }

  /**
   * The text up to the next of the given words that stands outside quotes and brackets (or to the
   * end), trimmed; used for a column's type and DEFAULT expression.
   */
  String upTo(Set<String> stopWords) {
    skipSpace();
    int start = pos;
    pos = walk(s, pos, true, (i, c, depth) -> depth == 0 && Character.isWhitespace(c)
        && stopWords.contains(new DdlReader(s.substring(i)).peekWord()));
    return s.substring(start, pos).strip();
  }

  /** Everything after the cursor, trimmed. */
  String rest() {
    String r = s.substring(Math.min(pos, s.length())).strip();
    pos = s.length();
    return r;
  }

  /** Splits on a separator outside quotes, backticks and brackets of any kind (angle brackets included). */
  static List<String> splitTopLevel(String text, char sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int at;
    while ((at = walk(text, start, true, (i, c, depth) -> c == sep && depth == 0)) < text.length()) {
      out.add(text.substring(start, at).strip());
      start = at + 1;
    }
    String last = text.substring(start).strip();
    if (!last.isEmpty() || !out.isEmpty()) {
      out.add(last);
    }
    return out;
  }

  /** Where a walk stops: at an unquoted character, given the bracket depth after it. */
  private interface Stop {
    boolean at(int index, char c, int depth);
  }

  /** Walks text from a position, skipping quoted parts, until stop says so; the index, or the length. */
  private static int walk(String text, int from, boolean angles, Stop stop) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        continue;
      }
      if (c == '(' || c == '[' || (angles && c == '<')) {
        depth++;
      } else if (c == ')' || c == ']' || (angles && c == '>')) {
        depth--;
      }
      if (stop.at(i, c, depth)) {
        return i;
      }
    }
    return text.length();
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isIdentChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  static io.dbsync.emulator.sql.HiveCatalog.SqlError syntax(String what) {
    return new io.dbsync.emulator.sql.HiveCatalog.SqlError("PARSE_SYNTAX_ERROR", "42601", "Syntax error: " + what + ".");
  }
}
