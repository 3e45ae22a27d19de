package io.dbsync.state.backend;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the backend block out of Terraform's JSON syntax (backend.tf.json):
 * {@code {"terraform": {"backend": {"s3": {...}}}}}. As in Terraform, any block may also be
 * written as an array of objects, and "//" keys are comments.
 */
final class JsonBackendParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBackendParser() {}

  static BackendBlock parse(String source, String text) throws InvalidBackendFileException {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      String why = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
      throw new InvalidBackendFileException(source + where + ": invalid JSON: " + why);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidBackendFileException(source + ": expected a JSON object at the top level");
    }
    BackendBlock found = null;
    for (JsonNode terraform : blocks(source, root.get("terraform"), "terraform")) {
      for (JsonNode backend : blocks(source, terraform.get("backend"), "terraform.backend")) {
        Iterator<Map.Entry<String, JsonNode>> types = backend.properties().iterator();
        while (types.hasNext()) {
          Map.Entry<String, JsonNode> type = types.next();
          if (type.getKey().equals("//")) {
            continue;
          }
          List<JsonNode> bodies = blocks(source, type.getValue(), "backend." + type.getKey());
          if (found != null || bodies.size() != 1) {
            throw new InvalidBackendFileException(
                source + ": more than one backend block (Terraform allows one)");
          }
          found = new BackendBlock(type.getKey(), object(bodies.get(0)), source);
        }
      }
    }
    if (found == null) {
      throw new InvalidBackendFileException(
          source + ": no {\"terraform\": {\"backend\": {\"TYPE\": {...}}}} block found");
    }
    return found;
  }

  /** A block value: an object, or an array of objects; absent gives none. */
  private static List<JsonNode> blocks(String source, JsonNode node, String name)
      throws InvalidBackendFileException {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isObject()) {
      out.add(node);
      return out;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (!item.isObject()) {
          throw new InvalidBackendFileException(
              source + ": \"" + name + "\" must be an object or an array of objects");
        }
        out.add(item);
      }
      return out;
    }
    throw new InvalidBackendFileException(
        source + ": \"" + name + "\" must be an object or an array of objects");
  }

  private static Map<String, Object> object(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      Object v = value(f.getValue());
      if (!f.getKey().equals("//") && v != null) {
        out.put(f.getKey(), v);
      }
    }
    return out;
  }

  private static Object value(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isObject()) {
      return object(node);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonNode item : node) {
        Object v = value(item);
        if (v != null) {
          list.add(v);
        }
      }
      return list;
    }
    return null;
  }
}
