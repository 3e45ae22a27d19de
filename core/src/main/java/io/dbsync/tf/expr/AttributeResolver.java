package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** Resolves every interpolation in a resource's attributes (recursively through nested blocks). */
public final class AttributeResolver {
  private AttributeResolver() {}

  /** @throws EvalException naming the address and attribute path */
  public static ObjectNode resolve(ObjectNode raw, Scope scope, String address) throws EvalException {
    return (ObjectNode) resolve(raw, scope, address, "");
  }

  private static JsonNode resolve(JsonNode n, Scope scope, String address, String path) throws EvalException {
    if (n.isTextual()) {
      String s = n.asText();
      if (!s.contains("${")) {
        return n;
      }
      try {
        return Expressions.evaluate(s, scope);
      } catch (EvalException e) {
        throw new EvalException(address + (path.isEmpty() ? "" : "." + path) + ": " + e.getMessage());
      }
    }
    if (n.isObject()) {
      ObjectNode out = ((ObjectNode) n).objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), resolve(e.getValue(), scope, address, path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = ((ArrayNode) n).arrayNode();
      int i = 0;
      for (JsonNode x : n) {
        out.add(resolve(x, scope, address, path + "." + i++));
      }
      return out;
    }
    return n;
  }
}
