package io.dbsync.emulator.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The token stream of a Spark SQL text: words (keywords and plain identifiers), backquoted
 * identifiers, string literals (quotes and escapes removed) and single-character symbols. Comments
 * ({@code --} to end of line, {@code /* ... *\/}) are skipped. Enough for the clauses the emulator
 * reads itself: property lists, database clauses and the relations a view query names.
 */
final class SqlTokens {
  enum Type { WORD, QUOTED, STRING, SYMBOL }

  record Token(Type type, String text) {
    boolean is(String keyword) {
      return type == Type.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(char c) {
      return type == Type.SYMBOL && text.charAt(0) == c;
    }

    boolean isName() {
      return type == Type.WORD || type == Type.QUOTED;
    }

    /** The identifier it names, lower-case (Hive names are case-insensitive). */
    String name() {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  private final List<Token> tokens;
  private int pos;

  SqlTokens(String text) {
    this.tokens = lex(text);
  }

  static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && s.startsWith("--", i)) {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? s.length() : nl + 1;
      } else if (c == '/' && s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Type.WORD, s.substring(start, i)));
      } else if (c == '`') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < s.length()) {
          if (s.charAt(i) == '`') {
            if (i + 1 < s.length() && s.charAt(i + 1) == '`') {
              sb.append('`');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          sb.append(s.charAt(i++));
        }
        out.add(new Token(Type.QUOTED, sb.toString()));
      } else if (c == '\'' || c == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < s.length() && s.charAt(i) != c) {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          sb.append(s.charAt(i++));
        }
        i++;
        out.add(new Token(Type.STRING, sb.toString()));
      } else {
        out.add(new Token(Type.SYMBOL, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  boolean atEnd() {
    return pos >= tokens.size();
  }

  Token peek() {
    return atEnd() ? new Token(Type.SYMBOL, "\0") : tokens.get(pos);
  }

  Token next() {
    Token t = peek();
    pos++;
    return t;
  }

  /** Consumes the keyword if it is next. */
  boolean accept(String keyword) {
    if (peek().is(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  boolean acceptSymbol(char c) {
    if (peek().isSymbol(c)) {
      pos++;
      return true;
    }
    return false;
  }

  String string(String clause) {
    Token t = next();
    if (t.type() != Type.STRING) {
      throw HiveCatalog.parseError(clause + " expects a string literal");
    }
    return t.text();
  }

  /**
   * A parenthesised property list {@code ('k' = 'v', a.b = 1, flag = true)}: keys are string
   * literals or dotted names, values string literals, numbers or booleans.
   */
  java.util.Map<String, String> properties(String clause) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    if (!acceptSymbol('(')) {
      throw HiveCatalog.parseError(clause + " expects (key = value, ...)");
    }
    while (!acceptSymbol(')')) {
      if (atEnd()) {
        throw HiveCatalog.parseError("unterminated " + clause + " list");
      }
      StringBuilder key = new StringBuilder(next().text());
      while (peek().isSymbol('.')) {
        next();
        key.append('.').append(next().text());
      }
      acceptSymbol('=');
      StringBuilder value = new StringBuilder();
      while (!peek().isSymbol(',') && !peek().isSymbol(')') && !atEnd()) {
        value.append(next().text());
      }
      out.put(key.toString(), value.toString());
      acceptSymbol(',');
    }
    return out;
  }
}
