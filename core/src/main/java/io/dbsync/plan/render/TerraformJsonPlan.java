package io.dbsync.plan.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.plan.Action;
import io.dbsync.plan.AttrChange;
import io.dbsync.plan.Plan;
import io.dbsync.plan.PlannedChange;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plan in terraform's machine-readable shape ({@code terraform show -json}, format 1.2), so
 * that OPA/conftest policies, Checkov and PR bots written for terraform plans read it unchanged:
 * {@code resource_changes[]} with {@code address}, {@code mode}, {@code type}, {@code name},
 * {@code provider_name} and {@code change.actions} (["create"], ["update"], ["delete","create"],
 * ["delete"], ["no-op"], ["forget"] for a release), {@code before}, {@code after},
 * {@code after_unknown}, {@code before_sensitive}, {@code after_sensitive}, {@code replace_paths},
 * {@code importing} for an adoption; and {@code planned_values}. As in terraform, unknown values are
 * left out of {@code after} and marked in {@code after_unknown}. Unlike terraform, which writes
 * sensitive values in clear and only marks them, sensitive values are left out too (marked in
 * {@code *_sensitive}): secrets never reach a plan file. What only this tool knows (target ids,
 * reasons, ordering, the summary) is under {@code databricks_sync} keys, which policy tools ignore.
 */
public final class TerraformJsonPlan {
  public static final String FORMAT_VERSION = "1.2";
  public static final String PROVIDER = "registry.terraform.io/databricks/databricks";

  private TerraformJsonPlan() {}

  public static ObjectNode json(Plan plan) {
    ObjectNode root = TfJson.object();
    root.put("format_version", FORMAT_VERSION);
    root.put("applyable", plan.hasChanges());
    root.put("complete", true);
    root.put("errored", false);
    ArrayNode planned = root.putObject("planned_values").putObject("root_module").putArray("resources");
    ArrayNode changes = root.putArray("resource_changes");
    for (PlannedChange c : plan.changes()) {
      ObjectNode rc = changes.addObject();
      identify(rc, c);
      ObjectNode change = rc.putObject("change");
      ArrayNode actions = change.putArray("actions");
      actions(c).forEach(actions::add);
      change.set("before", known(c.change().before(), c.sensitive()));
      change.set("after", known(c.change().after(), c.sensitive()));
      JsonNode afterUnknown = c.change().after() == null ? BooleanNode.FALSE : unknownMarks(c.change().after());
      if ((c.action() == Action.CREATE || c.action() == Action.REPLACE) && afterUnknown.isObject()) {
        ((ObjectNode) afterUnknown).put("id", true); // the new object's id is known only after apply
      }
      change.set("after_unknown", afterUnknown);
      change.set("before_sensitive", sensitiveMarks(c.change().before(), c.sensitive()));
      change.set("after_sensitive", sensitiveMarks(c.change().after(), c.sensitive()));
      if (c.action() == Action.REPLACE) {
        ArrayNode paths = change.putArray("replace_paths");
        c.change().diffs().stream().filter(AttrChange::forcesReplacement).forEach(a -> paths.addArray().add(a.key()));
        rc.put("action_reason", "replace_because_cannot_update");
      }
      if (c.action() == Action.DELETE && !plan.destroy()) {
        rc.put("action_reason", "delete_because_no_resource_config");
      }
      if (c.action() == Action.ADOPT) {
        change.putObject("importing").put("id", c.id());
      }
      rc.set("databricks_sync", extras(c));
      if (c.change().after() != null && c.action() != Action.RELEASE) {
        ObjectNode pv = planned.addObject();
        identify(pv, c);
        pv.put("schema_version", 0);
        pv.set("values", known(c.change().after(), c.sensitive()));
        pv.set("sensitive_values", sensitiveMarks(c.change().after(), c.sensitive()));
      }
    }
    ObjectNode ours = root.putObject("databricks_sync");
    ours.put("destroy", plan.destroy());
    ours.set("summary", summary(plan));
    return root;
  }

  /** The counts of the "Plan: ..." line: add, change, destroy, import, release. */
  public static ObjectNode summary(Plan plan) {
    ObjectNode summary = TfJson.object();
    summary.put("add", plan.toAdd());
    summary.put("change", plan.toChange());
    summary.put("destroy", plan.toDestroy());
    summary.put("import", plan.toImport());
    summary.put("release", plan.toRelease());
    return summary;
  }

  /** Terraform's action list for one change. */
  public static List<String> actions(PlannedChange c) {
    return switch (c.action()) {
      case CREATE -> List.of("create");
      case UPDATE -> List.of("update");
      case REPLACE -> List.of("delete", "create");
      case DELETE -> List.of("delete");
      case NOOP -> List.of("no-op");
      case ADOPT -> c.change().diffs().isEmpty() ? List.of("no-op") : List.of("update");
      case RELEASE -> List.of("forget");
    };
  }

  private static void identify(ObjectNode o, PlannedChange c) {
    o.put("address", c.address());
    o.put("mode", "managed");
    o.put("type", c.type());
    o.put("name", c.name());
    o.put("provider_name", PROVIDER);
  }

  private static ObjectNode extras(PlannedChange c) {
    ObjectNode o = TfJson.object();
    o.put("action", c.action().name().toLowerCase(Locale.ROOT));
    if (c.id() != null) {
      o.put("id", c.id());
    }
    if (c.reason() != null) {
      o.put("reason", c.reason());
    }
    ArrayNode changed = o.putArray("changed_attributes");
    c.change().diffs().forEach(a -> changed.add(a.key()));
    ArrayNode deps = o.putArray("depends_on");
    c.dependencies().forEach(deps::add);
    return o;
  }

  /** The value without unknowns and without sensitive top-level attributes; null stays null. */
  private static JsonNode known(ObjectNode attrs, Set<String> sensitive) {
    if (attrs == null) {
      return NullNode.getInstance();
    }
    ObjectNode out = (ObjectNode) withoutUnknowns(attrs);
    sensitive.forEach(out::remove);
    return out;
  }

  private static JsonNode withoutUnknowns(JsonNode v) {
    if (Unknown.is(v)) {
      return NullNode.getInstance();
    }
    if (v.isObject()) {
      ObjectNode out = TfJson.object();
      for (String k : DisplayValues.fieldNames(v)) {
        if (!Unknown.is(v.get(k))) {
          out.set(k, withoutUnknowns(v.get(k)));
        }
      }
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = TfJson.array();
      v.forEach(e -> out.add(withoutUnknowns(e)));
      return out;
    }
    return v;
  }

  /** after_unknown: true where a value is unknown; objects keep only keys with something unknown. */
  private static JsonNode unknownMarks(JsonNode v) {
    if (Unknown.is(v)) {
      return BooleanNode.TRUE;
    }
    if (v.isObject()) {
      ObjectNode out = TfJson.object();
      for (String k : DisplayValues.fieldNames(v)) {
        if (Unknown.containsAny(v.get(k))) {
          out.set(k, unknownMarks(v.get(k)));
        }
      }
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = TfJson.array();
      v.forEach(e -> out.add(Unknown.containsAny(e) ? unknownMarks(e) : BooleanNode.FALSE));
      return out;
    }
    return BooleanNode.FALSE;
  }

  /**
   * *_sensitive: {attr: true} for each sensitive attribute (also where the target does not echo the
   * value back, as for secrets: it is still a sensitive attribute); false for no value.
   */
  private static JsonNode sensitiveMarks(ObjectNode attrs, Set<String> sensitive) {
    if (attrs == null) {
      return BooleanNode.FALSE;
    }
    ObjectNode out = TfJson.object();
    sensitive.forEach(k -> out.put(k, true));
    return out;
  }
}
