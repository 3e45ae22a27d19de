package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

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

  @Override
  public String toString() {
    return DISPLAY;
  }
}
