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
 * databricks_volume: MANAGED volumes (storage chosen by Unity Catalog, their files are not copied)
 * and EXTERNAL ones (storage_location relative to its external location, see {@link UcPaths}).
 * Terraform id "catalog.schema.volume".
 */
public final class VolumeKind extends UcKind {
  public static final String TYPE = "databricks_volume";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_VOLUMES,
      "Unity Catalog volumes (managed and external; files not copied)");

  public VolumeKind() {
    super(INFO, Securable.VOLUME, "volumes", true,
        Set.of("name", "catalog_name", "schema_name", "volume_type", "storage_location"));
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, scope -> scope.inSchemas("volumes", "volumes"));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    String catalog = raw.path("catalog_name").asText();
    out.put("name", raw.path("name").asText());
    out.put("catalog_name", catalogRef(rendering, catalog));
    out.put("schema_name", schemaRef(rendering, catalog, raw.path("schema_name").asText()));
    out.put("volume_type", raw.path("volume_type").asText());
    if ("EXTERNAL".equals(raw.path("volume_type").asText())) {
      text(out, raw, "storage_location");
    }
    text(out, raw, "comment");
    text(out, raw, "owner");
    return out;
  }

  @Override
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) throws IOException {
    path(ctx, attrs, "storage_location", "volume", raw.path("full_name").asText());
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return create(ctx, attrs, body(attrs, "name", "catalog_name", "schema_name", "volume_type", "storage_location",
        "comment"));
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    update(ctx, id, attrs, prior, body(attrs, "comment"), null);
  }
}
