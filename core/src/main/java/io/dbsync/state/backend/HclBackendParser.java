package io.dbsync.state.backend;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code terraform { backend "TYPE" { ... } }} block out of an HCL file (backend.tf).
 *
 * <p>This is not a general HCL parser. Inside the backend block it accepts what Terraform accepts
 * there: literal strings, numbers, bools, lists, objects and nested blocks (interpolation is not
 * allowed in backend configuration). Everything else in the file (providers, required_providers,
 * resources with references and heredocs) is tokenised and skipped by bracket matching, so a
 * backend.tf that also declares providers still parses.
 */
final class HclBackendParser {

  private enum Kind { IDENT, STRING, NUMBER, PUNCT, NEWLINE, EOF }

  private record Token(Kind kind, String text, int line, int col, boolean template) {
    String shown() {
      return switch (kind) {
        case NEWLINE -> "end of line";
        case EOF -> "end of file";
        case STRING -> "\"" + text + "\"";
        default -> "'" + text + "'";
      };
    }
  }

  private final String source;
  private final List<Token> tokens;
  private int pos;

  private HclBackendParser(String source, String text) throws InvalidBackendFileException {
    this.source = source;
    this.tokens = new Lexer(source, text).all();
  }

  /** The backend block of the file, or an {@link InvalidBackendFileException} saying why not. */
  static BackendBlock parse(String source, String text) throws InvalidBackendFileException {
    return new HclBackendParser(source, text).file();
  }

  private BackendBlock file() throws InvalidBackendFileException {
    BackendBlock found = null;
    while (true) {
      skipNewlines();
      Token t = peek();
      if (t.kind == Kind.EOF) {
        break;
      }
      Token name = expectIdent("a block or attribute name");
      if (peekPunct("=")) {
        next();
        skipExpression();
        continue;
      }
      List<Token> labels = labels();
      expectPunct("{", "'{' to open block \"" + name.text + "\"");
      if (name.text.equals("terraform") && labels.isEmpty()) {
        BackendBlock inner = terraformBody(found != null);
        if (inner != null) {
          found = inner;
        }
      } else {
        skipBlockBody();
      }
    }
    if (found == null) {
      throw new InvalidBackendFileException(
          source + ": no terraform { backend \"...\" { ... } } block found");
    }
    return found;
  }

  /**
   * Body of a terraform block; returns its backend block (null when it has none).
   *
   * @param haveOne an earlier terraform block already had a backend
   */
  private BackendBlock terraformBody(boolean haveOne) throws InvalidBackendFileException {
    BackendBlock found = null;
    while (true) {
      skipNewlines();
      if (peekPunct("}")) {
        next();
        return found;
      }
      Token name = expectIdent("a block or attribute name inside terraform");
      if (peekPunct("=")) {
        next();
        skipExpression();
        continue;
      }
      List<Token> labels = labels();
      expectPunct("{", "'{' to open block \"" + name.text + "\"");
      if (!name.text.equals("backend")) {
        skipBlockBody();
        continue;
      }
      if (labels.size() != 1) {
        throw error(name, "a backend block needs exactly one label, the backend type, e.g."
            + " backend \"s3\" { ... }");
      }
      if (found != null || haveOne) {
        throw error(name, "more than one backend block (Terraform allows one)");
      }
      Map<String, Object> attributes = body();
      found = new BackendBlock(labels.get(0).text, attributes, source);
    }
  }

  /** Strict body of the backend block (or a block nested in it), after its '{' up to its '}'. */
  private Map<String, Object> body() throws InvalidBackendFileException {
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      skipNewlines();
      if (peekPunct("}")) {
        next();
        return out;
      }
      Token name = expectIdent("an attribute name");
      if (out.containsKey(name.text)) {
        throw error(name, "\"" + name.text + "\" is set more than once");
      }
      if (peekPunct("=")) {
        next();
        Object value = value(name.text);
        endOfItem(name.text);
        if (value != null) {
          out.put(name.text, value);
        }
        continue;
      }
      if (peekPunct("{")) {
        next();
        out.put(name.text, body());
        endOfItem(name.text);
        continue;
      }
      throw error(peek(), "expected '=' or '{' after \"" + name.text + "\", found "
          + peek().shown());
    }
  }

  /** After an attribute or nested block: end of line or the closing brace on the same line. */
  private void endOfItem(String name) throws InvalidBackendFileException {
    Token t = peek();
    if (t.kind == Kind.NEWLINE || t.kind == Kind.EOF || peekPunct("}")) {
      return;
    }
    throw error(t, "unexpected " + t.shown() + " after the value of \"" + name
        + "\" (one attribute per line)");
  }

  private Object value(String name) throws InvalidBackendFileException {
    Token t = next();
    switch (t.kind) {
      case STRING -> {
        if (t.template) {
          throw error(t, "\"" + name + "\": interpolation (${...} or %{...}) is not allowed in a"
              + " backend block; use a literal value");
        }
        return t.text;
      }
      case NUMBER -> {
        return new BigDecimal(t.text);
      }
      case IDENT -> {
        switch (t.text) {
          case "true" -> {
            return Boolean.TRUE;
          }
          case "false" -> {
            return Boolean.FALSE;
          }
          case "null" -> {
            return null;
          }
          default -> throw error(t, "\"" + name + "\": only literal values are allowed in a"
              + " backend block, found '" + t.text + "' (variables and references are not)");
        }
      }
      case PUNCT -> {
        if (t.text.equals("-") && peek().kind == Kind.NUMBER) {
          return new BigDecimal(next().text).negate();
        }
        if (t.text.equals("[")) {
          return list(name);
        }
        if (t.text.equals("{")) {
          return object(name);
        }
      }
      default -> { }
    }
    throw error(t, "expected a value for \"" + name + "\", found " + t.shown());
  }

  private List<Object> list(String name) throws InvalidBackendFileException {
    List<Object> out = new ArrayList<>();
    while (true) {
      skipNewlines();
      if (peekPunct("]")) {
        next();
        return out;
      }
      Object v = value(name);
      if (v != null) {
        out.add(v);
      }
      skipNewlines();
      if (peekPunct(",")) {
        next();
      } else if (!peekPunct("]")) {
        throw error(peek(), "expected ',' or ']' in the list \"" + name + "\", found "
            + peek().shown());
      }
    }
  }

  private Map<String, Object> object(String name) throws InvalidBackendFileException {
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      skipNewlines();
      if (peekPunct("}")) {
        next();
        return out;
      }
      Token key = next();
      if (key.kind != Kind.IDENT && !(key.kind == Kind.STRING && !key.template)) {
        throw error(key, "expected a key in the object \"" + name + "\", found " + key.shown());
      }
      if (!peekPunct("=") && !peekPunct(":")) {
        throw error(peek(), "expected '=' after \"" + key.text + "\", found " + peek().shown());
      }
      next();
      Object v = value(name + "." + key.text);
      if (v != null) {
        out.put(key.text, v);
      }
      if (peekPunct(",")) {
        next();
      } else if (peek().kind != Kind.NEWLINE && !peekPunct("}")) {
        throw error(peek(), "expected ',', a new line or '}' in the object \"" + name
            + "\", found " + peek().shown());
      }
    }
  }

  // ---- skipping what is not the backend block ----

  private List<Token> labels() {
    List<Token> labels = new ArrayList<>();
    while (peek().kind == Kind.STRING || peek().kind == Kind.IDENT) {
      labels.add(next());
    }
    return labels;
  }

  /** Skips an attribute's expression: to the end of line at bracket depth 0. */
  private void skipExpression() throws InvalidBackendFileException {
    int depth = 0;
    Token start = peek();
    while (true) {
      Token t = peek();
      if (t.kind == Kind.EOF) {
        if (depth > 0) {
          throw error(start, "unclosed bracket in this expression");
        }
        return;
      }
      if (depth == 0 && (t.kind == Kind.NEWLINE || isPunct(t, "}"))) {
        return;
      }
      next();
      if (isPunct(t, "(") || isPunct(t, "[") || isPunct(t, "{")) {
        depth++;
      } else if (isPunct(t, ")") || isPunct(t, "]") || isPunct(t, "}")) {
        depth--;
      }
    }
  }

  /** Skips a block body after its '{', up to and including the matching '}'. */
  private void skipBlockBody() throws InvalidBackendFileException {
    Token start = peek();
    int depth = 1;
    while (depth > 0) {
      Token t = next();
      if (t.kind == Kind.EOF) {
        throw error(start, "unclosed block: missing '}'");
      }
      if (isPunct(t, "(") || isPunct(t, "[") || isPunct(t, "{")) {
        depth++;
      } else if (isPunct(t, ")") || isPunct(t, "]") || isPunct(t, "}")) {
        depth--;
      }
    }
  }

  // ---- token helpers ----

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private void skipNewlines() {
    while (peek().kind == Kind.NEWLINE) {
      pos++;
    }
  }

  private boolean peekPunct(String p) {
    return isPunct(peek(), p);
  }

  private static boolean isPunct(Token t, String p) {
    return t.kind == Kind.PUNCT && t.text.equals(p);
  }

  private Token expectIdent(String what) throws InvalidBackendFileException {
    Token t = next();
    if (t.kind != Kind.IDENT) {
      if (t.kind == Kind.EOF) {
        throw error(t, "unexpected end of file: a block is missing its closing '}'");
      }
      throw error(t, "expected " + what + ", found " + t.shown());
    }
    return t;
  }

  private void expectPunct(String p, String what) throws InvalidBackendFileException {
    Token t = next();
    if (!isPunct(t, p)) {
      throw error(t, "expected " + what + ", found " + t.shown());
    }
  }

  private InvalidBackendFileException error(Token at, String message) {
    return new InvalidBackendFileException(source + ":" + at.line + ":" + at.col + ": " + message);
  }

  /** Splits HCL text into tokens; comments vanish, newlines stay (they end attributes). */
  private static final class Lexer {
    private final String source;
    private final String s;
    private int i;
    private int line = 1;
    private int lineStart;
    private final List<Token> out = new ArrayList<>();

    Lexer(String source, String text) {
      this.source = source;
      this.s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    List<Token> all() throws InvalidBackendFileException {
      while (i < s.length()) {
        char c = s.charAt(i);
        int col = i - lineStart + 1;
        if (c == '\n') {
          add(Kind.NEWLINE, "\n", col);
          i++;
          newLine();
        } else if (c == ' ' || c == '\t' || c == '\r') {
          i++;
        } else if (c == '#' || (c == '/' && at(i + 1) == '/')) {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (c == '/' && at(i + 1) == '*') {
          blockComment(col);
        } else if (c == '"') {
          string(col);
        } else if (c == '<' && at(i + 1) == '<' && heredocAhead()) {
          heredoc(col);
        } else if (Character.isLetter(c) || c == '_') {
          int start = i;
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i))
              || s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++;
          }
          add(Kind.IDENT, s.substring(start, i), col);
        } else if (Character.isDigit(c)) {
          number(col);
        } else {
          add(Kind.PUNCT, String.valueOf(c), col);
          i++;
        }
      }
      out.add(new Token(Kind.EOF, "", line, i - lineStart + 1, false));
      return out;
    }

    private void add(Kind kind, String text, int col) {
      out.add(new Token(kind, text, line, col, false));
    }

    private char at(int k) {
      return k < s.length() ? s.charAt(k) : '\0';
    }

    private void newLine() {
      line++;
      lineStart = i;
    }

    private InvalidBackendFileException error(int atLine, int col, String message) {
      return new InvalidBackendFileException(source + ":" + atLine + ":" + col + ": " + message);
    }

    private void blockComment(int col) throws InvalidBackendFileException {
      int startLine = line;
      i += 2;
      while (i < s.length() && !(s.charAt(i) == '*' && at(i + 1) == '/')) {
        if (s.charAt(i) == '\n') {
          i++;
          newLine();
        } else {
          i++;
        }
      }
      if (i >= s.length()) {
        throw error(startLine, col, "unterminated /* comment");
      }
      i += 2;
    }

    private void number(int col) {
      int start = i;
      while (Character.isDigit(at(i))) {
        i++;
      }
      if (at(i) == '.' && Character.isDigit(at(i + 1))) {
        i++;
        while (Character.isDigit(at(i))) {
          i++;
        }
      }
      if ((at(i) == 'e' || at(i) == 'E') && (Character.isDigit(at(i + 1))
          || ((at(i + 1) == '+' || at(i + 1) == '-') && Character.isDigit(at(i + 2))))) {
        i += 2;
        while (Character.isDigit(at(i))) {
          i++;
        }
      }
      add(Kind.NUMBER, s.substring(start, i), col);
    }

    /** A quoted string with HCL escapes; templates (${ }, %{ }) are skipped and flagged. */
    private void string(int col) throws InvalidBackendFileException {
      int startLine = line;
      StringBuilder b = new StringBuilder();
      boolean template = false;
      i++;
      while (true) {
        if (i >= s.length() || s.charAt(i) == '\n') {
          throw error(startLine, col, "unterminated string: missing closing '\"'");
        }
        char c = s.charAt(i);
        if (c == '"') {
          i++;
          break;
        }
        if (c == '\\') {
          b.append(escape(startLine, col));
        } else if ((c == '$' || c == '%') && at(i + 1) == c && at(i + 2) == '{') {
          b.append(c).append('{');
          i += 3;
        } else if ((c == '$' || c == '%') && at(i + 1) == '{') {
          template = true;
          skipTemplate(startLine, col);
        } else {
          b.append(c);
          i++;
        }
      }
      out.add(new Token(Kind.STRING, b.toString(), startLine, col, template));
    }

    private String escape(int startLine, int col) throws InvalidBackendFileException {
      char e = at(i + 1);
      i += 2;
      return switch (e) {
        case 'n' -> "\n";
        case 'r' -> "\r";
        case 't' -> "\t";
        case '"' -> "\"";
        case '\\' -> "\\";
        case 'u' -> hex(4, startLine, col);
        case 'U' -> hex(8, startLine, col);
        default -> throw error(startLine, col, "invalid escape '\\" + e + "' in string");
      };
    }

    private String hex(int digits, int startLine, int col) throws InvalidBackendFileException {
      if (i + digits > s.length()) {
        throw error(startLine, col, "invalid unicode escape in string");
      }
      try {
        int cp = Integer.parseInt(s.substring(i, i + digits), 16);
        i += digits;
        return new String(Character.toChars(cp));
      } catch (IllegalArgumentException e) {
        throw error(startLine, col, "invalid unicode escape in string");
      }
    }

    /** Skips ${ ... } including nested braces and strings. */
    private void skipTemplate(int startLine, int col) throws InvalidBackendFileException {
      i += 2;
      int depth = 1;
      while (depth > 0) {
        if (i >= s.length()) {
          throw error(startLine, col, "unterminated ${ in string");
        }
        char c = s.charAt(i);
        if (c == '{') {
          depth++;
          i++;
        } else if (c == '}') {
          depth--;
          i++;
        } else if (c == '"') {
          int before = out.size();
          string(i - lineStart + 1);
          out.remove(before);
        } else if (c == '\n') {
          i++;
          newLine();
        } else {
          i++;
        }
      }
    }

    private boolean heredocAhead() {
      int k = i + 2;
      if (at(k) == '-') {
        k++;
      }
      return Character.isLetter(at(k)) || at(k) == '_';
    }

    /** <<EOF ... EOF (or <<-EOF); the body becomes one STRING token. */
    private void heredoc(int col) throws InvalidBackendFileException {
      int startLine = line;
      i += 2;
      if (at(i) == '-') {
        i++;
      }
      int start = i;
      while (Character.isLetterOrDigit(at(i)) || at(i) == '_') {
        i++;
      }
      String marker = s.substring(start, i);
      while (i < s.length() && s.charAt(i) != '\n') {
        i++;
      }
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error(startLine, col, "unterminated heredoc: missing closing " + marker);
        }
        i++;
        newLine();
        int end = s.indexOf('\n', i);
        String text = s.substring(i, end < 0 ? s.length() : end);
        if (text.strip().equals(marker)) {
          i = end < 0 ? s.length() : end;
          break;
        }
        b.append(text).append('\n');
        i = end < 0 ? s.length() : end;
      }
      out.add(new Token(Kind.STRING, b.toString(), startLine, col, true));
    }
  }
}
