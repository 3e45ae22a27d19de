package io.dbsync.plan.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.plan.Action;
import io.dbsync.plan.AttrChange;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlannedChange;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plan as terraform prints it: a header per resource ("# x will be updated in-place"), the
 * resource with one attribute a line, nested blocks as blocks, an update showing only what changes
 * (the rest counted as hidden), long content as a hash, and the "Plan: ..." summary. Output depends
 * only on the plan, so it is deterministic.
 */
public final class PlanText {
  private PlanText() {}

  public static String text(Plan plan) {
    StringBuilder sb = new StringBuilder();
    List<PlannedChange> actionable = plan.actionable();
    if (actionable.isEmpty()) {
      sb.append("No changes. The target workspace matches the configuration.\n\n");
    } else {
      sb.append("Actions are indicated with the following symbols:\n");
      sb.append("  + create\n  ~ update in-place\n  - destroy\n-/+ destroy and then create replacement\n\n");
      sb.append("databricks-sync will perform the following actions:\n\n");
    }
    for (PlannedChange c : actionable) {
      change(sb, c);
      sb.append('\n');
    }
    for (PlannedChange c : plan.changes()) {
      // what the planner leaves alone on purpose (an object the target does not show, shared with the source)
      if (c.action() == Action.NOOP && c.id() == null && c.reason() != null) {
        sb.append("  # ").append(c.address()).append(" is left alone (").append(c.reason()).append(")\n\n");
      }
    }
    sb.append(summary(plan)).append('\n');
    return sb.toString();
  }

  public static String summary(Plan plan) {
    String core = plan.toAdd() + " to add, " + plan.toChange() + " to change, " + plan.toDestroy() + " to destroy.";
    String released = plan.toRelease() > 0 ? " " + plan.toRelease() + " to release (adopted, left in the workspace)." : "";
    return (plan.toImport() > 0 ? "Plan: " + plan.toImport() + " to import, " + core : "Plan: " + core) + released;
  }

  private static void change(StringBuilder sb, PlannedChange c) {
    BodyBuilder builder = new BodyBuilder(c.sensitive(), c.change().writeOnly());
    String header = "resource \"" + c.type() + "\" \"" + c.name() + "\" {\n";
    sb.append("  # ").append(c.address());
    Body body;
    String symbol;
    switch (c.action()) {
      case CREATE -> {
        sb.append(" will be created");
        symbol = "  + ";
        body = builder.whole("+", withId(c.change().after(), Unknown.NODE), true);
      }
      case DELETE -> {
        sb.append(" will be destroyed");
        symbol = "  - ";
        body = builder.whole("-", withId(c.change().before(), TextNode.valueOf(c.id())), true);
      }
      case RELEASE -> {
        sb.append(" will be released: it existed before the import, so it stays in the workspace and only leaves the state");
        symbol = "  . ";
        body = new Body().add(new Body.Attr(" ", "id", quote(c.id())));
      }
      case UPDATE, REPLACE, ADOPT -> {
        sb.append(switch (c.action()) {
          case UPDATE -> " will be updated in-place";
          case REPLACE -> " must be replaced";
          default -> " will be adopted (existing object id " + quote(c.id()) + ")"
              + (c.change().diffs().isEmpty() ? "" : " and updated in-place");
        });
        symbol = c.action() == Action.REPLACE ? "-/+ " : c.change().diffs().isEmpty() ? "    " : "  ~ ";
        body = changes(builder, c);
      }
      default -> {
        return;
      }
    }
    if (c.reason() != null && !(c.action() == Action.ADOPT && c.reason().equals(PlannedChange.SAME_IDENTITY))) {
      sb.append(" (").append(c.reason()).append(')');
    }
    sb.append('\n').append(symbol).append(header);
    body.write(sb, 6);
    sb.append("    }\n");
  }

  /** An update, replace or adoption: the id, what differs, and how much is left out. */
  private static Body changes(BodyBuilder builder, PlannedChange c) {
    Body body = new Body();
    boolean replace = c.action() == Action.REPLACE;
    body.add(new Body.Attr(replace ? "~" : " ", "id", quote(c.id()) + (replace ? " -> " + Unknown.DISPLAY : "")));
    ObjectNode last = c.action() == Action.ADOPT || c.prior() == null ? null : c.prior().attributes();
    Set<String> changed = new HashSet<>();
    for (AttrChange a : c.change().diffs()) {
      changed.add(a.key());
      int at = body.items.size();
      builder.change(body, a.key(), a.before(), a.after(), last == null ? null : last.get(a.key()));
      if (replace && a.forcesReplacement() && body.items.size() > at) {
        body.items.set(at, forcesReplacement(body.items.get(at)));
      }
    }
    ObjectNode after = c.change().after();
    for (String key : DisplayValues.fieldNames(after)) {
      JsonNode v = DisplayValues.absentIfEmpty(after.get(key));
      if (v == null || changed.contains(key) || key.equals("id")) {
        continue;
      }
      if (DisplayValues.isBlock(key, v)) {
        body.hiddenBlocks += v.isArray() ? v.size() : 1;
      } else {
        body.hiddenAttributes++;
      }
    }
    return body;
  }

  private static Body.Item forcesReplacement(Body.Item item) {
    String note = "# forces replacement";
    if (item instanceof Body.Attr a) {
      return new Body.Attr(a.sym(), a.key(), a.value() + " " + note);
    }
    return ((Body.Nested) item).withNote(note);
  }

  private static ObjectNode withId(ObjectNode attrs, JsonNode id) {
    ObjectNode out = attrs == null ? TfJson.object() : attrs.deepCopy();
    if (!out.has("id")) {
      out.set("id", id);
    }
    return out;
  }

  private static String quote(String s) {
    return TextNode.valueOf(s).toString();
  }
}
