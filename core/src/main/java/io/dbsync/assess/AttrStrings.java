package io.dbsync.assess;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Walks a resource's attributes: every text value with the name of the field that holds it. */
final class AttrStrings {
  @FunctionalInterface
  interface Visitor {
    /** {@code field}: the nearest object key above the value (for list items, the list's key). */
    void visit(String field, String value);
  }

  private AttrStrings() {}

  static void walk(JsonNode node, Visitor visitor) {
    walk(null, node, visitor);
  }

  private static void walk(String field, JsonNode node, Visitor visitor) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      visitor.visit(field, node.asText());
    } else if (node.isArray()) {
      node.forEach(item -> walk(field, item, visitor));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        walk(e.getKey(), e.getValue(), visitor);
      }
    }
  }

  /** True for a value that is (or holds) a Terraform interpolation: a reference the import resolves. */
  static boolean isExpression(String value) {
    return value.contains("${");
  }
}
