package io.dbsync.tf;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Terraform JSON (*.tf.json) reading and writing. Writing is canonical: object keys sorted
 * recursively, two-space indent, LF line ends, trailing newline. Array order is kept (kinds sort
 * arrays whose order carries no meaning). Canonical output is what makes two exports of the same
 * workspace byte-identical.
 */
public final class TfJson {
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final ObjectWriter WRITER;

  static {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    pp.indentObjectsWith(indenter);
    pp.indentArraysWith(indenter);
    WRITER = MAPPER.writer(pp);
  }

  private TfJson() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Canonical text of a document (sorted keys, 2-space indent, final newline). */
  public static String write(JsonNode node) {
    try {
      return WRITER.writeValueAsString(sorted(node)).replace(" : ", ": ") + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] writeBytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }

  public static JsonNode read(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  /** A copy of the node with all object keys sorted. */
  public static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String n : names) {
        out.set(n, sorted(node.get(n)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      for (JsonNode e : node) {
        out.add(sorted(e));
      }
      return out;
    }
    return node;
  }

  /** Removes null fields, empty objects and empty arrays, recursively (the API's "absent"). */
  public static ObjectNode prune(ObjectNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        prune((ObjectNode) v);
      } else if (v.isArray()) {
        for (JsonNode x : v) {
          if (x.isObject()) {
            prune((ObjectNode) x);
          }
        }
      }
      if (v.isNull() || (v.isContainerNode() && v.isEmpty())) {
        it.remove();
      }
    }
    return node;
  }
}
