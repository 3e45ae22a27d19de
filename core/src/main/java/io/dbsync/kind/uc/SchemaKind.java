package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.HiveOrUnityCatalog;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * databricks_schema: the schemas of the exported managed catalogs (information_schema never; a
 * catalog's auto-created "default" schema is exported too and adopted where the target's catalog
 * made one). Terraform id "catalog.schema". Deleting never forces. Hive metastore databases are
 * databricks_schema too: {@code kind.admin.HiveSchemaKind} handles those.
 */
public final class SchemaKind extends UcKind {
  public static final String TYPE = "databricks_schema";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_SCHEMAS, "Unity Catalog schemas");

  public SchemaKind() {
    super(INFO, Securable.SCHEMA, "schemas", true,
        Set.of("name", "catalog_name", "storage_root"));
  }

  /** Objects of Unity Catalog (the Hive metastore's of the same type are {@code kind.admin}'s). */
  @Override
  public boolean handles(String id, JsonNode attrs) {
    return !HiveOrUnityCatalog.isHive(id, attrs);
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, UcScope::schemas);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    out.put("name", raw.path("name").asText());
    out.put("catalog_name", catalogRef(rendering, raw.path("catalog_name").asText()));
    text(out, raw, "comment");
    map(out, raw, "properties");
    text(out, raw, "storage_root");
    text(out, raw, "owner");
    text(out, raw, "enable_predictive_optimization");
    return out;
  }

  @Override
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) throws IOException {
    path(ctx, attrs, "storage_root", "schema", raw.path("full_name").asText());
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = create(ctx, attrs, body(attrs, "name", "catalog_name", "comment", "properties", "storage_root"));
    if (attrs.hasNonNull("enable_predictive_optimization")) {
      patch(ctx, id, body(attrs, "enable_predictive_optimization"));
    }
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    update(ctx, id, attrs, prior, body(attrs, "comment", "properties", "enable_predictive_optimization"), null);
  }
}
