package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.Templates;

import java.util.Iterator;
import java.util.Map;

/** Resolves every interpolation in a resource's attributes (recursively through nested blocks). */
public final class AttributeResolver {
  private AttributeResolver() {}

  /** @throws EvalException naming the address and attribute path */
  public static ObjectNode resolve(ObjectNode raw, Scope scope, String address) throws EvalException {
    return (ObjectNode) resolve(raw, scope, address, "");
  }

  /** Object keys are templates too in Terraform JSON (a map key "$${X}" is the literal "${X}"). */
  private static String key(String key, Scope scope, String address, String path) throws EvalException {
    return Templates.hasTemplateSequence(key) ? resolve(TextNode.valueOf(key), scope, address, path).asText() : key;
  }

  private static JsonNode resolve(JsonNode n, Scope scope, String address, String path) throws EvalException {
    if (n.isTextual()) {
      String s = n.asText();
      if (!Templates.hasTemplateSequence(s)) {
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
        String where = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        out.set(key(e.getKey(), scope, address, where), resolve(e.getValue(), scope, address, where));
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
