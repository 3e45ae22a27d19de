package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * databricks_catalog: managed catalogs (storage_root relative to their external location, see
 * {@link UcPaths}), foreign catalogs (connection_name referring to the exported connection, options)
 * and Delta Sharing catalogs (provider_name, share_name). Isolated catalogs keep isolation_mode
 * ISOLATED; creating one binds the importing workspace, as the provider does, and the bindings to
 * other workspaces are databricks_workspace_binding resources. Deleting never forces: a catalog that
 * still holds schemas the import did not create stays, with an error.
 */
public final class CatalogKind extends UcKind {
  public static final String TYPE = "databricks_catalog";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_CATALOGS,
      "Unity Catalog catalogs (managed, foreign, Delta Sharing)");

  public CatalogKind() {
    super(INFO, Securable.CATALOG, "catalogs", false,
        Set.of("name", "storage_root", "connection_name", "provider_name", "share_name", "options"));
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, UcScope::catalogs);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    out.put("name", raw.path("name").asText());
    text(out, raw, "comment");
    map(out, raw, "properties");
    text(out, raw, "storage_root");
    if (raw.hasNonNull("connection_name")) {
      String connection = raw.get("connection_name").asText();
      out.put("connection_name", rendering.refOr(ConnectionKind.TYPE, connection, "name", connection));
    }
    map(out, raw, "options");
    text(out, raw, "provider_name");
    text(out, raw, "share_name");
    text(out, raw, "owner");
    text(out, raw, "enable_predictive_optimization");
    if (WorkspaceBindingKind.isolated(raw)) {
      out.put("isolation_mode", raw.get("isolation_mode").asText());
    }
    return out;
  }

  @Override
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) throws IOException {
    path(ctx, attrs, "storage_root", "catalog", raw.path("name").asText());
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = create(ctx, attrs, body(attrs, "name", "comment", "properties", "storage_root", "connection_name",
        "options", "provider_name", "share_name"));
    if (attrs.hasNonNull("enable_predictive_optimization")) {
      patch(ctx, id, body(attrs, "enable_predictive_optimization"));
    }
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    update(ctx, id, attrs, prior, body(attrs, "comment", "properties", "enable_predictive_optimization"), "OPEN");
  }
}
