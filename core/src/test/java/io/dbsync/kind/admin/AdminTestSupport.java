package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.kind.ExportedResource;
import io.dbsync.tf.Refs;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference/variable resolution and golden files for the admin kind tests. */
final class AdminTestSupport {
  private AdminTestSupport() {}

  /**
   * What the import engine does before create: "${var.x}" from {@code vars}, "${type.name.attr}" from
   * {@code values} (keyed "type.name.attr").
   */
  static ObjectNode resolve(ObjectNode attrs, Map<String, String> vars, Map<String, String> values) {
    return (ObjectNode) walk(attrs.deepCopy(), vars, values);
  }

  private static JsonNode walk(JsonNode n, Map<String, String> vars, Map<String, String> values) {
    if (n instanceof ObjectNode o) {
      o.properties().forEach(e -> e.setValue(walk(e.getValue(), vars, values)));
      return o;
    }
    if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, walk(a.get(i), vars, values));
      }
      return a;
    }
    if (n.isTextual()) {
      Matcher m = Refs.INTERPOLATION.matcher(n.asText());
      if (m.matches()) {
        String expr = m.group(1);
        String v = expr.startsWith("var.") ? vars.get(expr.substring(4)) : values.get(expr);
        if (v == null) {
          throw new IllegalStateException("no value for " + expr);
        }
        return TextNode.valueOf(v);
      }
    }
    return n;
  }

  static void assertGolden(String kind, String file, List<ExportedResource> resources) throws IOException {
    ObjectNode doc = TfJson.object();
    ObjectNode res = doc.putObject("resource");
    for (ExportedResource r : resources) {
      res.withObjectProperty(r.type()).set(r.name(), r.attrs());
    }
    String actual = TfJson.write(doc);
    Path path = Path.of("src/test/resources/golden", kind, file);
    if ("1".equals(System.getenv("UPDATE_GOLDEN"))) {
      Files.createDirectories(path.getParent());
      Files.writeString(path, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(path), "golden file missing: " + path + " (run with UPDATE_GOLDEN=1)");
    assertEquals(Files.readString(path, StandardCharsets.UTF_8), actual, "golden " + path);
  }

  static Map<String, String> map(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
