package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The small subset of Terraform's expression language that exports use.
 *
 * <p>Templates: literal text with {@code ${expr}} interpolations; {@code $${} is a literal "${" and
 * {@code %%{} a literal "%{" (terraform's escapes, which the export writes for every literal); a
 * template directive {@code %{...}} is rejected.
 * A value that is exactly one interpolation keeps the expression's type (bool, number, string);
 * otherwise the parts are joined as text. Inside {@code ${...}}:
 * <ul>
 *   <li>references: {@code var.NAME}, {@code path.module}, {@code TYPE.NAME.ATTR},
 *       {@code data.TYPE.NAME.ATTR};</li>
 *   <li>literals: {@code "string"} (escapes \" \\ \n \t \r), {@code true}, {@code false}, numbers;</li>
 *   <li>operators: {@code ==}, {@code !=}, {@code !}, {@code &&}, {@code ||}, parentheses and the
 *       conditional {@code cond ? a : b}.</li>
 * </ul>
 * Conditions accept booleans and the strings "true"/"false" (any case, as TF_VAR_PASSIVE=True is
 * common). Equality of scalars is by value ("5" == 5). Anything else (functions, locals, indexing,
 * for-expressions, nested templates in string literals) is rejected with an error naming the expression.
 * An unknown operand ({@link Unknown}) makes the result unknown.
 */
public final class Expressions {
  private Expressions() {}

  public static JsonNode evaluate(String template, Scope scope) throws EvalException {
    List<Object> parts = parseTemplate(template);
    if (parts.size() == 1 && parts.get(0) instanceof Expr e) {
      return e.eval(scope, template);
    }
    StringBuilder sb = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof String s) {
        sb.append(s);
      } else {
        JsonNode v = ((Expr) p).eval(scope, template);
        if (Unknown.is(v)) {
          return Unknown.NODE;
        }
        sb.append(text(v, template));
      }
    }
    return TextNode.valueOf(sb.toString());
  }

  /** Every reference (dot-separated names, e.g. [var, PASSIVE]) the template mentions. */
  public static List<List<String>> references(String template) throws EvalException {
    List<List<String>> out = new ArrayList<>();
    for (Object p : parseTemplate(template)) {
      if (p instanceof Expr e) {
        e.collect(out);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ values

  static String text(JsonNode v, String template) throws EvalException {
    if (v == null || v.isNull()) {
      throw new EvalException("null value in template \"" + template + "\"");
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    throw new EvalException("cannot use a " + v.getNodeType().name().toLowerCase() + " value as text in \"" + template + "\"");
  }

  static boolean truth(JsonNode v, String template) throws EvalException {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      if (v.asText().equalsIgnoreCase("true")) {
        return true;
      }
      if (v.asText().equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw new EvalException("condition is not a bool (got " + v + ") in \"" + template + "\"");
  }

  /** Scalar equality by value (text "5" equals number 5); containers by structure. */
  public static boolean looseEquals(JsonNode a, JsonNode b) {
    if (Unknown.is(a) || Unknown.is(b)) {
      return false;
    }
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isValueNode() && b.isValueNode()) {
      if (a.isNull() || b.isNull()) {
        return a.isNull() && b.isNull();
      }
      String x = a.asText();
      String y = b.asText();
      if (x.equals(y)) {
        return true;
      }
      if ((a.isNumber() || b.isNumber())) {
        try {
          return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return false;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!looseEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      var it = a.fieldNames();
      while (it.hasNext()) {
        String k = it.next();
        if (!b.has(k) || !looseEquals(a.get(k), b.get(k))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------ AST

  private sealed interface Expr permits Lit, Ref, Not, Bin, Cond {
    JsonNode eval(Scope s, String t) throws EvalException;

    void collect(List<List<String>> out);
  }

  private record Lit(JsonNode value) implements Expr {
    public JsonNode eval(Scope s, String t) {
      return value;
    }

    public void collect(List<List<String>> out) {}
  }

  private record Ref(List<String> path) implements Expr {
    public JsonNode eval(Scope s, String t) throws EvalException {
      String head = path.get(0);
      int n = path.size();
      JsonNode v;
      if (head.equals("var") && n == 2) {
        v = s.variable(path.get(1));
      } else if (head.equals("path") && n == 2 && path.get(1).equals("module")) {
        v = TextNode.valueOf(s.pathModule());
      } else if (head.equals("data") && n == 4) {
        v = s.dataAttribute(path.get(1), path.get(2), path.get(3));
      } else if (!head.equals("var") && !head.equals("path") && !head.equals("data") && !head.equals("local")
          && !head.equals("module") && !head.equals("each") && !head.equals("count") && n == 3) {
        v = s.resourceAttribute(head, path.get(1), path.get(2));
      } else {
        throw new EvalException("unsupported reference \"" + String.join(".", path) + "\" in \"" + t + "\"");
      }
      if (v == null) {
        throw new EvalException("\"" + String.join(".", path) + "\" has no value in \"" + t + "\"");
      }
      return v;
    }

    public void collect(List<List<String>> out) {
      out.add(path);
    }
  }

  private record Not(Expr inner) implements Expr {
    public JsonNode eval(Scope s, String t) throws EvalException {
      JsonNode v = inner.eval(s, t);
      return Unknown.is(v) ? v : BooleanNode.valueOf(!truth(v, t));
    }

    public void collect(List<List<String>> out) {
      inner.collect(out);
    }
  }

  private record Bin(String op, Expr left, Expr right) implements Expr {
    public JsonNode eval(Scope s, String t) throws EvalException {
      JsonNode a = left.eval(s, t);
      if (op.equals("&&") && !Unknown.is(a) && !truth(a, t)) {
        return BooleanNode.FALSE;
      }
      if (op.equals("||") && !Unknown.is(a) && truth(a, t)) {
        return BooleanNode.TRUE;
      }
      JsonNode b = right.eval(s, t);
      if (Unknown.is(a) || Unknown.is(b)) {
        return Unknown.NODE;
      }
      return switch (op) {
        case "==" -> BooleanNode.valueOf(looseEquals(a, b));
        case "!=" -> BooleanNode.valueOf(!looseEquals(a, b));
        default -> BooleanNode.valueOf(truth(b, t)); // && / || after the short-circuit above
      };
    }

    public void collect(List<List<String>> out) {
      left.collect(out);
      right.collect(out);
    }
  }

  private record Cond(Expr cond, Expr then, Expr otherwise) implements Expr {
    public JsonNode eval(Scope s, String t) throws EvalException {
      JsonNode c = cond.eval(s, t);
      if (Unknown.is(c)) {
        return Unknown.NODE;
      }
      return truth(c, t) ? then.eval(s, t) : otherwise.eval(s, t);
    }

    public void collect(List<List<String>> out) {
      cond.collect(out);
      then.collect(out);
      otherwise.collect(out);
    }
  }

  // ------------------------------------------------------------------ parsing

  /** Literal strings and expressions, in order. */
  private static List<Object> parseTemplate(String template) throws EvalException {
    List<Object> out = new ArrayList<>();
    for (Object p : scan(template)) {
      out.add(p instanceof Interpolation i ? i.expr() : p);
    }
    return out;
  }

  /** A literal text part, or the source text of an interpolation ({@code expression} true). */
  public record Part(boolean expression, String text) {}

  /**
   * The template's parts in order: literal text (escapes undone) and the source of each
   * interpolation, e.g. "${path.module}/nb/a.py" -> [path.module] ["/nb/a.py"].
   */
  public static List<Part> parts(String template) throws EvalException {
    List<Part> out = new ArrayList<>();
    for (Object p : scan(template)) {
      out.add(p instanceof Interpolation i ? new Part(true, i.source()) : new Part(false, (String) p));
    }
    return out;
  }

  private record Interpolation(Expr expr, String source) {}

  /** Literal strings and interpolations, in order. */
  private static List<Object> scan(String template) throws EvalException {
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
        lit.append(template.charAt(i)).append('{');
        i += 3;
      } else if (template.startsWith("%{", i)) {
        throw new EvalException("template directives (%{...}) are not supported at offset " + i + " in \""
            + template + "\"; write %%{ for a literal %{");
      } else if (template.startsWith("${", i)) {
        if (!lit.isEmpty()) {
          parts.add(lit.toString());
          lit.setLength(0);
        }
        Parser p = new Parser(template, i + 2);
        Expr e = p.parseExpr();
        p.skipSpace();
        if (p.pos >= template.length() || template.charAt(p.pos) != '}') {
          throw new EvalException("expected '}' at offset " + p.pos + " in \"" + template + "\"");
        }
        parts.add(new Interpolation(e, template.substring(i + 2, p.pos).strip()));
        i = p.pos + 1;
      } else {
        lit.append(template.charAt(i++));
      }
    }
    if (!lit.isEmpty() || parts.isEmpty()) {
      parts.add(lit.toString());
    }
    return parts;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s, int pos) {
      this.s = s;
      this.pos = pos;
    }

    EvalException error(String what) {
      return new EvalException(what + " at offset " + pos + " in \"" + s + "\"");
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean eat(String tok) {
      skipSpace();
      if (s.startsWith(tok, pos)) {
        pos += tok.length();
        return true;
      }
      return false;
    }

    Expr parseExpr() throws EvalException {
      Expr c = parseOr();
      if (eat("?")) {
        Expr a = parseExpr();
        if (!eat(":")) {
          throw error("expected ':'");
        }
        Expr b = parseExpr();
        return new Cond(c, a, b);
      }
      return c;
    }

    Expr parseOr() throws EvalException {
      Expr e = parseAnd();
      while (eat("||")) {
        e = new Bin("||", e, parseAnd());
      }
      return e;
    }

    Expr parseAnd() throws EvalException {
      Expr e = parseEq();
      while (eat("&&")) {
        e = new Bin("&&", e, parseEq());
      }
      return e;
    }

    Expr parseEq() throws EvalException {
      Expr e = parseUnary();
      while (true) {
        if (eat("==")) {
          e = new Bin("==", e, parseUnary());
        } else if (eat("!=")) {
          e = new Bin("!=", e, parseUnary());
        } else {
          return e;
        }
      }
    }

    Expr parseUnary() throws EvalException {
      skipSpace();
      if (s.startsWith("!", pos) && !s.startsWith("!=", pos)) {
        pos++;
        return new Not(parseUnary());
      }
      return parsePrimary();
    }

    Expr parsePrimary() throws EvalException {
      skipSpace();
      if (pos >= s.length()) {
        throw error("unexpected end of expression");
      }
      char c = s.charAt(pos);
      if (c == '(') {
        pos++;
        Expr e = parseExpr();
        if (!eat(")")) {
          throw error("expected ')'");
        }
        return e;
      }
      if (c == '"') {
        return new Lit(TextNode.valueOf(parseString()));
      }
      if (Character.isDigit(c) || (c == '-' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
        int start = pos++;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          pos++;
        }
        try {
          return new Lit(DecimalNode.valueOf(new BigDecimal(s.substring(start, pos))));
        } catch (NumberFormatException e) {
          throw error("bad number");
        }
      }
      if (Character.isLetter(c) || c == '_') {
        List<String> path = new ArrayList<>();
        path.add(ident());
        while (pos < s.length() && s.charAt(pos) == '.') {
          pos++;
          if (pos >= s.length() || !(Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            throw error("expected a name after '.'");
          }
          path.add(ident());
        }
        skipSpace();
        if (pos < s.length() && (s.charAt(pos) == '(' || s.charAt(pos) == '[')) {
          throw error("function calls and indexing are not supported");
        }
        if (path.size() == 1 && path.get(0).equals("true")) {
          return new Lit(BooleanNode.TRUE);
        }
        if (path.size() == 1 && path.get(0).equals("false")) {
          return new Lit(BooleanNode.FALSE);
        }
        if (path.size() == 1) {
          throw error("unknown name \"" + path.get(0) + "\"");
        }
        return new Ref(List.copyOf(path));
      }
      throw error("unexpected '" + c + "'");
    }

    String ident() {
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '-')) {
        pos++;
      }
      return s.substring(start, pos);
    }

    String parseString() throws EvalException {
      pos++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '$' && pos < s.length() && s.charAt(pos) == '{') {
          throw error("templates inside string literals are not supported");
        }
        if (c == '\\') {
          if (pos >= s.length()) {
            break;
          }
          char e = s.charAt(pos++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            default -> throw error("unsupported escape \\" + e);
          }
        } else {
          sb.append(c);
        }
      }
      throw error("unterminated string literal");
    }
  }
}
