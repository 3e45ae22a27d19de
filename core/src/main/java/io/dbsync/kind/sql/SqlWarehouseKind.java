package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.client.TokenPages;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunListings;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.compute.Attrs;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * databricks_sql_endpoint: a SQL warehouse. Every setting can be edited in place; what the workspace
 * keeps about it (state, sessions, JDBC/ODBC addresses, health, creator) is not exported. Warehouse
 * names are unique, so an existing warehouse of the same name is adopted. In passive mode the
 * import stops the warehouses it creates or edits (a standby does not pay for idle compute).
 */
public final class SqlWarehouseKind implements Kind {
  /** The run's listing of the target's SQL warehouses ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "SqlWarehouseKind";
  public static final String TYPE = "databricks_sql_endpoint";
  static final String BASE = "/api/2.0/sql/warehouses";
  /** What create and edit take, with the same name and shape in HCL (tags.custom_tags key/value blocks). */
  private static final String[] PLAIN = {"name", "cluster_size", "min_num_clusters", "max_num_clusters",
      "auto_stop_mins", "enable_photon", "enable_serverless_compute", "spot_instance_policy", "warehouse_type",
      "channel"};

  private static final KindInfo INFO = KindInfo.exported(TYPE, "sql_warehouse", "sql_warehouse", "SQL warehouses");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode w : listAll(ctx)) {
      String name = Attrs.text(w, "name");
      if (sel.selects(name, w)) {
        out.add(new SourceObject(Attrs.text(w, "id"), Names.safe(name), w));
      }
    }
    return out;
  }

  private static List<JsonNode> listAll(KindContext ctx) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode w : TokenPages.all(ctx.client(), BASE, Map.of(), "warehouses", "page_token")) {
      if (!gone(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private static boolean gone(JsonNode w) {
    String state = Attrs.text(w, "state");
    return "DELETED".equals(state) || "DELETING".equals(state);
  }

  /** The warehouse's direct permissions (the owner's IS_OWNER included, as for jobs). */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "sql/warehouses", obj.id(), "sql_endpoint_id",
        ctx.rendering().ref(TYPE, obj.id(), "id"), "sql_warehouse_" + obj.name());
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode w = Rest.getOrNull(ctx.client(), BASE + "/" + id);
    return w == null || gone(w) ? null : w;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, PLAIN);
    String profile = Attrs.text(raw, "instance_profile_arn");
    if (profile != null) {
      out.put("instance_profile_arn", rendering.ref("databricks_instance_profile", profile, "id"));
    }
    JsonNode tags = raw.path("tags").path("custom_tags");
    if (tags.isArray() && !tags.isEmpty()) {
      ArrayNode sorted = Attrs.sortedArray(tags);
      out.putObject("tags").set("custom_tags", sorted);
    }
    return TfJson.prune(out);
  }

  /** The create/edit body: tags as the API wants them (a list of key/value pairs). */
  private static ObjectNode toApi(ObjectNode attrs) {
    ObjectNode body = Attrs.without(attrs, "tags");
    JsonNode tags = attrs.path("tags").get("custom_tags");
    if (tags != null) {
      body.putObject("tags").set("custom_tags", Attrs.asArray(tags.deepCopy()));
    }
    return body;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = Rest.post(ctx.client(), BASE, toApi(attrs)).get("id").asText();
    RunListings.of(ctx).changed(LISTING);
    stopIfPassive(ctx, id);
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    Rest.post(ctx.client(), BASE + "/" + id + "/edit", toApi(attrs));
    RunListings.of(ctx).changed(LISTING);
    stopIfPassive(ctx, id);
  }

  private static void stopIfPassive(ApplyContext ctx, String id) throws IOException {
    if (ctx.passive()) {
      Rest.post(ctx.client(), BASE + "/" + id + "/stop", TfJson.object());
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
    RunListings.of(ctx).changed(LISTING);
  }

  /** Warehouse names are unique in a workspace. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "name");
    for (JsonNode w : RunListings.of(ctx).get(LISTING, () -> listAll(ctx))) {
      if (name != null && name.equals(Attrs.text(w, "name"))) {
        return Optional.of(Attrs.text(w, "id"));
      }
    }
    return Optional.empty();
  }
}
