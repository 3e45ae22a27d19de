package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** JSON helpers shared by the kinds: whitelists, renames, canonical order. */
public final class Attrs {
  private Attrs() {}

  /** Copies (deeply) the listed fields that are present and not null. */
  public static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      JsonNode v = from.get(f);
      if (v != null && !v.isNull()) {
        to.set(f, v.deepCopy());
      }
    }
  }

  /** Copies one field under another name. */
  public static void rename(JsonNode from, String apiName, ObjectNode to, String tfName) {
    JsonNode v = from.get(apiName);
    if (v != null && !v.isNull()) {
      to.set(tfName, v.deepCopy());
    }
  }

  /** The array sorted by canonical text of its elements (for arrays whose order means nothing). */
  public static ArrayNode sortedArray(JsonNode arr) {
    List<JsonNode> items = new ArrayList<>();
    arr.forEach(x -> items.add(TfJson.sorted(x)));
    items.sort(Comparator.comparing(Attrs::canonical));
    ArrayNode out = TfJson.array();
    items.forEach(out::add);
    return out;
  }

  /** Compact JSON text with keys sorted recursively. */
  public static String canonical(JsonNode n) {
    try {
      return TfJson.MAPPER.writeValueAsString(TfJson.sorted(n));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON document held in a string (policy definitions), canonicalised; unparsable text is kept. */
  public static String canonicalJsonText(String text) {
    try {
      JsonNode n = TfJson.MAPPER.readTree(text);
      return n == null ? text : canonical(n);
    } catch (IOException e) {
      return text;
    }
  }

  public static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A repeated block may be written as one object in Terraform JSON: as a list, which the API wants. */
  public static ArrayNode asArray(JsonNode n) {
    if (n.isArray()) {
      return (ArrayNode) n;
    }
    ArrayNode a = TfJson.array();
    a.add(n);
    return a;
  }

  /** The node without the listed top-level fields (a copy). */
  public static ObjectNode without(ObjectNode n, String... fields) {
    ObjectNode out = n.deepCopy();
    for (String f : fields) {
      out.remove(f);
    }
    return out;
  }
}
