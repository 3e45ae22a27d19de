package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Small JSON helpers the kinds share for moving API fields to Terraform attributes and back. */
public final class ApiFields {
  private ApiFields() {}

  /** Copies (deeply) the listed fields that are present and not null. */
  public static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      JsonNode v = from.get(f);
      if (v != null && !v.isNull()) {
        to.set(f, v.deepCopy());
      }
    }
  }

  /** The field as text, or null when absent or null. */
  public static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Moves a field to another name (if present). */
  public static void rename(ObjectNode n, String from, String to) {
    JsonNode v = n.remove(from);
    if (v != null) {
      n.set(to, v);
    }
  }

  /**
   * The desired attributes whose value differs from the object's current one, sorted, leaving out
   * {@code ignored} (attributes an update sets whatever else differs, e.g. an owner).
   */
  public static Set<String> changed(ObjectNode desired, JsonNode current, String... ignored) {
    Set<String> skip = Set.of(ignored);
    Set<String> out = new TreeSet<>();
    desired.properties().forEach(e -> {
      if (!skip.contains(e.getKey()) && !e.getValue().equals(current.get(e.getKey()))) {
        out.add(e.getKey());
      }
    });
    return out;
  }

  /** A repeated block may be written as one object in Terraform JSON: always an array here. */
  public static ArrayNode asArray(JsonNode n) {
    if (n instanceof ArrayNode a) {
      return a;
    }
    ArrayNode a = TfJson.array();
    if (n != null && !n.isNull() && !n.isMissingNode()) {
      a.add(n);
    }
    return a;
  }

  /** Copies of the objects sorted by the text of one field (for lists whose order means nothing). */
  public static ArrayNode sortedBy(Iterable<? extends JsonNode> items, String key) {
    List<JsonNode> list = new ArrayList<>();
    items.forEach(i -> list.add(i.deepCopy()));
    list.sort(Comparator.comparing(i -> i.path(key).asText()));
    ArrayNode out = TfJson.array();
    list.forEach(out::add);
    return out;
  }

  /**
   * {key, value} tag blocks (MLflow and serving endpoints keep tags as such a list), sorted by key,
   * without the tags {@code keep} rejects.
   */
  public static ArrayNode tagBlocks(JsonNode apiTags, Predicate<JsonNode> keep) {
    List<JsonNode> kept = new ArrayList<>();
    for (JsonNode t : apiTags == null ? TfJson.array() : apiTags) {
      if (keep.test(t)) {
        ObjectNode block = TfJson.object().put("key", t.path("key").asText());
        if (t.hasNonNull("value")) {
          block.put("value", t.get("value").asText());
        }
        kept.add(block);
      }
    }
    return sortedBy(kept, "key");
  }
}
