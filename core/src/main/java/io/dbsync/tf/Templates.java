package io.dbsync.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Every string in a *.tf.json is a Terraform template: {@code ${...}} interpolates and {@code %{...}}
 * is a directive. Text that came from the source workspace must stay literal, so the export writes it
 * escaped ({@code $${} and {@code %%{}), and only the tool's own references, variables and artifact
 * paths are expressions.
 *
 * <p>The export rendering marks those expressions ({@link #expression}) with a per-process random
 * token that no source text can forge; {@link #render} is the one place where marked strings become
 * file text: everything outside a mark is escaped, the marks are removed. A value a kind builds by
 * concatenation ("prefix " + variable + " suffix") keeps its expression and escapes the rest.
 */
public final class Templates {
  private static final String NONCE = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
  private static final String OPEN = "\uE000" + NONCE + "\uE001";
  private static final String CLOSE = "\uE002" + NONCE + "\uE003";

  private Templates() {}

  /** Source text as template text: "${" becomes "$${" and "%{" becomes "%%{" (terraform's escapes). */
  public static String escape(String literal) {
    return literal.replace("${", "$${").replace("%{", "%%{");
  }

  /** An expression the tool wrote ("${var.x}"), marked so that {@link #render} keeps it as one. */
  public static String expression(String interpolation) {
    return OPEN + interpolation + CLOSE;
  }

  /** File text of a string that may hold marked expressions: literal parts escaped, marks removed. */
  public static String render(String value) {
    if (!value.contains(OPEN)) {
      return escape(value);
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < value.length()) {
      int open = value.indexOf(OPEN, at);
      if (open < 0) {
        out.append(escape(value.substring(at)));
        break;
      }
      int close = value.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        throw new IllegalStateException("unbalanced expression mark in a rendered value");
      }
      String literal = escape(value.substring(at, open));
      int dollars = literal.length();
      while (dollars > 0 && literal.charAt(dollars - 1) == '$') {
        dollars--;
      }
      if (dollars < literal.length()) {
        // "$" right before "${" would read as the escape "$${": write the run of dollars as an expression
        literal = literal.substring(0, dollars) + "${\"" + literal.substring(dollars) + "\"}";
      }
      out.append(literal).append(value, open + OPEN.length(), close);
      at = close + CLOSE.length();
    }
    return out.toString();
  }

  /** {@link #render} applied to every string and object key of a tree, in place; returns the tree. */
  public static JsonNode render(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(obj.properties());
      obj.removeAll();
      for (Map.Entry<String, JsonNode> e : entries) {
        obj.set(render(e.getKey()), render(e.getValue()));
      }
      return obj;
    }
    if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        arr.set(i, render(arr.get(i)));
      }
      return arr;
    }
    if (node != null && node.isTextual()) {
      return TextNode.valueOf(render(node.asText()));
    }
    return node;
  }

  /** True when the text has a template sequence ("${" or "%{", escaped or not) the evaluator must read. */
  public static boolean hasTemplateSequence(String text) {
    return text.contains("${") || text.contains("%{");
  }
}
