package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Terraform-like plan text and the same plan as JSON. Values are JSON-rendered (strings quoted,
 * blocks as compact JSON); attributes fed by sensitive variables show "(sensitive value)";
 * unknowns show "(known after apply)". Output depends only on the plan, so it is deterministic.
 */
public final class PlanRenderer {
  public static final String SENSITIVE = "(sensitive value)";

  private PlanRenderer() {}

  public static String text(Plan plan) {
    StringBuilder sb = new StringBuilder();
    List<PlannedChange> actionable = plan.actionable();
    if (actionable.isEmpty()) {
      sb.append("No changes. The target workspace matches the configuration.\n\n");
    } else {
      sb.append("Actions are indicated with the following symbols:\n");
      sb.append("  + create\n  ~ update in-place\n  - destroy\n-/+ destroy and then create replacement\n");
      sb.append("  <= adopt (import) an existing object\n\n");
    }
    for (PlannedChange c : actionable) {
      renderChange(sb, c);
      sb.append('\n');
    }
    sb.append(summary(plan)).append('\n');
    return sb.toString();
  }

  public static String summary(Plan plan) {
    String core = plan.toAdd() + " to add, " + plan.toChange() + " to change, " + plan.toDestroy() + " to destroy.";
    String released = plan.toRelease() > 0 ? " " + plan.toRelease() + " to release (adopted, left in the workspace)." : "";
    return (plan.toImport() > 0 ? "Plan: " + plan.toImport() + " to import, " + core : "Plan: " + core) + released;
  }

  private static void renderChange(StringBuilder sb, PlannedChange c) {
    String header = "resource \"" + c.type() + "\" \"" + c.name() + "\" {";
    switch (c.action()) {
      case CREATE -> {
        sb.append("  # ").append(c.address()).append(" will be created");
        appendReason(sb, c);
        sb.append("  + ").append(header).append('\n');
        List<String[]> rows = new ArrayList<>();
        for (String k : keys(c.change().after())) {
          rows.add(new String[] {"+", k, value(c, k, c.change().after().get(k))});
        }
        rows.add(new String[] {"+", "id", Unknown.DISPLAY});
        rows(sb, rows);
      }
      case RELEASE -> {
        sb.append("  # ").append(c.address()).append(" will be released: it existed before the import, so it")
            .append(" stays in the workspace and only leaves the state");
        appendReason(sb, c);
        sb.append("  . ").append(header).append('\n');
        rows(sb, List.<String[]>of(new String[] {" ", "id", quote(c.id())}));
      }
      case DELETE -> {
        sb.append("  # ").append(c.address()).append(" will be destroyed");
        appendReason(sb, c);
        sb.append("  - ").append(header).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"-", "id", quote(c.id()) + " -> null"});
        for (String k : keys(c.change().before())) {
          rows.add(new String[] {"-", k, value(c, k, c.change().before().get(k)) + " -> null"});
        }
        rows(sb, rows);
      }
      case UPDATE, REPLACE, ADOPT -> {
        String what = switch (c.action()) {
          case UPDATE -> " will be updated in-place";
          case REPLACE -> " must be replaced";
          default -> " will be adopted (existing object id " + quote(c.id()) + ")"
              + (c.change().diffs().isEmpty() ? "" : " and updated in-place");
        };
        sb.append("  # ").append(c.address()).append(what);
        appendReason(sb, c);
        String sym = switch (c.action()) {
          case UPDATE -> "  ~ ";
          case REPLACE -> "-/+ ";
          default -> " <= ";
        };
        sb.append(sym).append(header).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {" ", "id", c.action() == Action.REPLACE ? quote(c.id()) + " -> " + Unknown.DISPLAY : quote(c.id())});
        for (AttrChange a : c.change().diffs()) {
          String sym2 = a.before() == null ? "+" : a.after() == null ? "-" : "~";
          String v = a.before() == null ? value(c, a.key(), a.after())
              : value(c, a.key(), a.before()) + " -> " + (a.after() == null ? "null" : value(c, a.key(), a.after()));
          rows.add(new String[] {sym2, a.key(), v + (a.forcesReplacement() && c.action() == Action.REPLACE ? " # forces replacement" : "")});
        }
        rows(sb, rows);
      }
      default -> {
        return;
      }
    }
    sb.append("    }\n");
  }

  private static void appendReason(StringBuilder sb, PlannedChange c) {
    if (c.reason() != null && c.action() != Action.ADOPT) {
      sb.append(" (").append(c.reason()).append(')');
    }
    sb.append('\n');
  }

  private static void rows(StringBuilder sb, List<String[]> rows) {
    int width = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    for (String[] r : rows) {
      sb.append("      ").append(r[0]).append(' ').append(r[1]).append(" ".repeat(width - r[1].length()))
          .append(" = ").append(r[2]).append('\n');
    }
  }

  private static Set<String> keys(ObjectNode n) {
    Set<String> out = new TreeSet<>();
    if (n != null) {
      n.fieldNames().forEachRemaining(out::add);
    }
    return out;
  }

  private static String value(PlannedChange c, String key, JsonNode v) {
    if (c.sensitive().contains(key)) {
      return SENSITIVE;
    }
    if (Unknown.containsAny(v)) {
      return Unknown.is(v) ? Unknown.DISPLAY : displayable(v).toString();
    }
    return TfJson.sorted(v).toString();
  }

  private static String quote(String s) {
    return TextNode.valueOf(s).toString();
  }

  /** Replaces unknowns with the "(known after apply)" text so the node can be serialized. */
  static JsonNode displayable(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (Unknown.is(v)) {
      return TextNode.valueOf(Unknown.DISPLAY);
    }
    if (v.isObject()) {
      ObjectNode out = TfJson.object();
      List<String> names = new ArrayList<>();
      v.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String n : names) {
        out.set(n, displayable(v.get(n)));
      }
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = TfJson.array();
      v.forEach(x -> out.add(displayable(x)));
      return out;
    }
    return v;
  }

  /**
   * The plan as JSON: {"format_version":"1","destroy":bool,"summary":{...},"resource_changes":[{address,
   * type,name,action,id,reason,before,after,changed_attributes,replace_because,depends_on}]}, sensitive
   * attributes replaced by "(sensitive value)", no-ops omitted.
   */
  public static ObjectNode json(Plan plan) {
    ObjectNode root = TfJson.object();
    root.put("format_version", "1");
    root.put("destroy", plan.destroy());
    ObjectNode summary = root.putObject("summary");
    summary.put("add", plan.toAdd());
    summary.put("change", plan.toChange());
    summary.put("destroy", plan.toDestroy());
    summary.put("import", plan.toImport());
    ArrayNode arr = root.putArray("resource_changes");
    for (PlannedChange c : plan.actionable()) {
      ObjectNode o = arr.addObject();
      o.put("address", c.address());
      o.put("type", c.type());
      o.put("name", c.name());
      o.put("action", c.action().name().toLowerCase());
      if (c.id() != null) {
        o.put("id", c.id());
      }
      if (c.reason() != null) {
        o.put("reason", c.reason());
      }
      o.set("before", masked(c, c.change().before()));
      o.set("after", masked(c, c.change().after()));
      ArrayNode changed = o.putArray("changed_attributes");
      ArrayNode replace = o.putArray("replace_because");
      for (AttrChange a : c.change().diffs()) {
        changed.add(a.key());
        if (a.forcesReplacement()) {
          replace.add(a.key());
        }
      }
      ArrayNode deps = o.putArray("depends_on");
      c.dependencies().forEach(deps::add);
    }
    return root;
  }

  private static JsonNode masked(PlannedChange c, ObjectNode attrs) {
    if (attrs == null) {
      return TfJson.object().nullNode();
    }
    ObjectNode out = (ObjectNode) displayable(attrs);
    Iterator<Map.Entry<String, JsonNode>> it = out.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (c.sensitive().contains(e.getKey())) {
        e.setValue(TextNode.valueOf(SENSITIVE));
      }
    }
    return out;
  }
}
