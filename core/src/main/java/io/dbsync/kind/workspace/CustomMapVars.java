package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.config.Grok;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's {@code custom_map_vars}: {attribute dot path: grok pattern}. In every line of the
 * attribute's value, the one named capture of the pattern (e.g. {@code /Users/%{DATA:variable}/%{GREEDYDATA}})
 * becomes a variable named after the captured text, so values that differ between workspaces
 * (user names in paths, bucket names) can be mapped at import. An empty pattern maps the whole value.
 * A dot path may contain one {@code [*]} for every element of an array. Applied at export only: at
 * import the variables resolve back to concrete values, which is what refresh compares with.
 */
final class CustomMapVars {
  private CustomMapVars() {}

  static void apply(ObjectNode attrs, KindSettings settings, Rendering rendering) {
    for (Map.Entry<String, String> e : settings.customMapVars().entrySet()) {
      Pattern grok = Grok.compile(e.getValue() == null || e.getValue().isBlank() || e.getValue().equals("null")
          ? "%{GREEDYDATA:value}" : e.getValue());
      visit(attrs, List.of(e.getKey().split("\\.")), 0, grok, rendering);
    }
  }

  private static void visit(JsonNode node, List<String> path, int i, Pattern grok, Rendering rendering) {
    if (node == null || i >= path.size()) {
      return;
    }
    String seg = path.get(i);
    boolean each = seg.endsWith("[*]");
    String field = each ? seg.substring(0, seg.length() - 3) : seg;
    if (!(node instanceof ObjectNode obj) || !obj.has(field)) {
      return;
    }
    JsonNode child = obj.get(field);
    if (each && child instanceof ArrayNode arr) {
      for (int k = 0; k < arr.size(); k++) {
        if (i == path.size() - 1 && arr.get(k).isTextual()) {
          arr.set(k, new TextNode(map(arr.get(k).asText(), grok, rendering)));
        } else {
          visit(arr.get(k), path, i + 1, grok, rendering);
        }
      }
    } else if (i == path.size() - 1) {
      if (child.isValueNode() && !child.isNull()) {
        obj.put(field, map(child.asText(), grok, rendering));
      }
    } else {
      visit(child, path, i + 1, grok, rendering);
    }
  }

  private static String map(String value, Pattern grok, Rendering rendering) {
    List<String> out = new ArrayList<>();
    for (String line : value.split("\n", -1)) {
      Matcher m = grok.matcher(line);
      List<String> groups = new ArrayList<>(m.pattern().namedGroups().keySet());
      if (!m.matches() || groups.size() != 1 || m.group(groups.get(0)) == null || m.group(groups.get(0)).isEmpty()) {
        out.add(line);
        continue;
      }
      String captured = m.group(groups.get(0));
      String var = rendering.variable(Names.safe(captured), "Mapped value '" + captured + "' (custom_map_vars)", false, captured);
      out.add(line.replace(captured, var));
    }
    return String.join("\n", out);
  }
}
