package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A value that is only known after apply (a reference to the id of a resource that is still to be
 * created or replaced). It never equals anything, so an attribute holding it always shows as a change.
 */
public final class Unknown {
  public static final String DISPLAY = "(known after apply)";
  private static final Unknown INSTANCE = new Unknown();
  public static final JsonNode NODE = new POJONode(INSTANCE);

  private Unknown() {}

  public static boolean is(JsonNode node) {
    return node instanceof POJONode p && p.getPojo() == INSTANCE;
  }

  /** True when the node or anything inside it is unknown. */
  public static boolean containsAny(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (is(node)) {
      return true;
    }
    for (JsonNode child : node) {
      if (containsAny(child)) {
        return true;
      }
    }
    return false;
  }

  /** A copy with each unknown replaced by the "(known after apply)" text, so the node can be written as JSON. */
  public static JsonNode displayable(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (is(node)) {
      return TextNode.valueOf(DISPLAY);
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> out.set(e.getKey(), displayable(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(displayable(e)));
      return out;
    }
    return node;
  }

  @Override
  public String toString() {
    return DISPLAY;
  }
}
