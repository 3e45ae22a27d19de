package io.dbsync.kind.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * databricks_workspace_conf: the workspace's advanced settings, a singleton every workspace has, in
 * one file with the workspace-wide token and password usage permissions (databricks_permissions
 * with {@code authorization = "tokens"} / {@code "passwords"}).
 *
 * <p>Exported: the documented keys ({@link WorkspaceConfKeys}) that are set in the source. The API
 * answers null for a key nobody set; such a key follows the target's own default, which differs by
 * cloud and tier and changes over time, so pinning it would be wrong.
 *
 * <p>Imported: the keys of the configuration are set (PATCH). No setting is ever reset: the resource
 * is always adopted, so a destroy or a resource leaving the configuration releases it (the
 * provider instead resets the enable and enforce keys to false on destroy, which could switch off
 * token use or IP access lists of a live workspace), and a key leaving the configuration keeps its
 * value in the target. Keys that only the target sets are not this resource's business.
 */
public final class WorkspaceConfKind implements Kind {
  public static final String TYPE = "databricks_workspace_conf";
  /** The Terraform id of the singleton (the provider's). */
  static final String ID = "_";
  static final String NAME = "workspace_conf";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "workspace_conf", "workspace_conf",
      "Workspace settings (documented keys that are set), token and password usage permissions");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** The one object, when the selection takes its name. */
  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    if (!ctx.settings().selection().matchesName(NAME)) {
      return List.of();
    }
    JsonNode conf = WorkspaceConfKeys.read(ctx.client());
    return ctx.settings().selection().matchesBy(conf) ? List.of(new SourceObject(ID, NAME, conf)) : List.of();
  }

  /** Nothing set: no resource of its own (the usage permissions may still be there). */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    return attrs.path("custom_config").isEmpty() ? null : attrs;
  }

  /** Who may use personal access tokens and passwords (admins' own grant is never managed). */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    List<ExportedResource> out = new ArrayList<>();
    out.addAll(PermissionsKind.forObject(ctx, "authorization", "tokens", "authorization", "tokens", "token_usage"));
    out.addAll(PermissionsKind.forObject(ctx, "authorization", "passwords", "authorization", "passwords",
        "password_usage"));
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return WorkspaceConfKeys.read(ctx.client());
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode config = TfJson.object();
    for (String key : WorkspaceConfKeys.DOCUMENTED) {
      JsonNode v = raw.get(key);
      if (v != null && !v.isNull() && !v.asText().isEmpty()) {
        config.put(key, v.asText());
      }
    }
    ObjectNode attrs = TfJson.object();
    attrs.set("custom_config", config);
    return attrs;
  }

  /** Reached only when adoption was skipped; the settings exist in every workspace, so this sets them. */
  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    patch(ctx, attrs);
    return ID;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    patch(ctx, attrs);
  }

  private static void patch(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    for (Map.Entry<String, JsonNode> e : attrs.path("custom_config").properties()) {
      body.put(e.getKey(), e.getValue().asText());
    }
    if (!body.isEmpty()) {
      Rest.patch(ctx.client(), WorkspaceConfKeys.PATH, body);
    }
  }

  /**
   * Leaves the settings as they are (see the class comment); reached only for a state entry that was
   * not flagged adopted, such as one left by a crash between the pending mark and the adoption.
   */
  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) {
  }

  /** The settings are the target's own (review D10): adopting them never makes them the import's to reset. */
  @Override
  public boolean builtIn(ApplyContext ctx, ObjectNode attrs) {
    return true;
  }

  /** Every workspace has its settings: always adopted, so destroy releases instead of resetting. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) {
    return Optional.of(ID);
  }
}
