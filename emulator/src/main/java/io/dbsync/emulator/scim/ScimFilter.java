package io.dbsync.emulator.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.http.ApiException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * SCIM filter expressions (RFC 7644 §3.4.2.2): {@code attrPath op value} with eq, ne, co, sw, ew,
 * gt, ge, lt, le, pr, combined with and/or/not and parentheses. Values may be quoted or bare.
 * Attribute names are case-insensitive; string comparison is case-insensitive (caseExact=false for
 * userName, displayName, ...). A multi-valued attribute matches when any element matches.
 */
final class ScimFilter {
  private final List<String> tokens;
  private int pos;

  private ScimFilter(List<String> tokens) {
    this.tokens = tokens;
  }

  /** Parses a filter; a syntax error is SCIM 400 invalidFilter. */
  static Predicate<JsonNode> parse(String text) {
    ScimFilter p = new ScimFilter(tokenize(text));
    Predicate<JsonNode> f = p.or();
    if (p.pos != p.tokens.size()) {
      throw invalid("unexpected token '" + p.tokens.get(p.pos) + "'");
    }
    return f;
  }

  private Predicate<JsonNode> or() {
    Predicate<JsonNode> left = and();
    while (peekKeyword("or")) {
      pos++;
      left = left.or(and());
    }
    return left;
  }

  private Predicate<JsonNode> and() {
    Predicate<JsonNode> left = factor();
    while (peekKeyword("and")) {
      pos++;
      left = left.and(factor());
    }
    return left;
  }

  private Predicate<JsonNode> factor() {
    String t = next();
    if (t.equals("(")) {
      Predicate<JsonNode> inner = or();
      expect(")");
      return inner;
    }
    if (t.equalsIgnoreCase("not")) {
      return factor().negate();
    }
    String attr = t;
    String op = next().toLowerCase(Locale.ROOT);
    if (op.equals("pr")) {
      return node -> values(node, attr).stream().anyMatch(v -> !v.isNull() && !(v.isTextual() && v.asText().isEmpty()));
    }
    if (!List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le").contains(op)) {
      throw invalid("unsupported operator '" + op + "'");
    }
    String raw = next();
    String value = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replace("\\\"", "\"") : raw;
    if (op.equals("ne")) {
      return node -> values(node, attr).stream().noneMatch(v -> compare(v, "eq", value));
    }
    return node -> values(node, attr).stream().anyMatch(v -> compare(v, op, value));
  }

  private static boolean compare(JsonNode v, String op, String expected) {
    if (v.isNull() || v.isMissingNode()) {
      return false;
    }
    String actual = v.asText().toLowerCase(Locale.ROOT);
    String e = expected.toLowerCase(Locale.ROOT);
    return switch (op) {
      case "eq" -> actual.equals(e);
      case "co" -> actual.contains(e);
      case "sw" -> actual.startsWith(e);
      case "ew" -> actual.endsWith(e);
      case "gt" -> actual.compareTo(e) > 0;
      case "ge" -> actual.compareTo(e) >= 0;
      case "lt" -> actual.compareTo(e) < 0;
      case "le" -> actual.compareTo(e) <= 0;
      default -> false;
    };
  }

  /** Values at a dotted attribute path; arrays fan out, a bare multi-valued attribute means its "value". */
  static List<JsonNode> values(JsonNode node, String path) {
    List<JsonNode> current = List.of(node);
    for (String segment : path.split("\\.")) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        JsonNode child = field(n, segment);
        if (child == null) {
          continue;
        }
        if (child.isArray()) {
          child.forEach(next::add);
        } else {
          next.add(child);
        }
      }
      current = next;
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : current) {
      if (n.isObject()) {
        JsonNode v = field(n, "value");
        if (v != null) {
          out.add(v);
        }
      } else {
        out.add(n);
      }
    }
    return out;
  }

  static JsonNode field(JsonNode n, String name) {
    if (n == null || !n.isObject()) {
      return null;
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private boolean peekKeyword(String kw) {
    return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(kw);
  }

  private String next() {
    if (pos >= tokens.size()) {
      throw invalid("unexpected end of filter");
    }
    return tokens.get(pos++);
  }

  private void expect(String t) {
    if (!next().equals(t)) {
      throw invalid("expected '" + t + "'");
    }
  }

  private static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '"') {
        int j = i + 1;
        while (j < text.length() && (text.charAt(j) != '"' || text.charAt(j - 1) == '\\')) {
          j++;
        }
        if (j >= text.length()) {
          throw invalid("unterminated string");
        }
        out.add(text.substring(i, j + 1));
        i = j + 1;
      } else {
        int j = i;
        while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '(' && text.charAt(j) != ')') {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      }
    }
    if (out.isEmpty()) {
      throw invalid("empty filter");
    }
    return out;
  }

  static ApiException invalid(String why) {
    return ApiException.scim(400, "Invalid filter: " + why, "invalidFilter");
  }
}
