package io.dbsync.kind.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApiFields;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunListings;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.TokenPages;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_pipeline: a Lakeflow Declarative Pipeline (DLT) with its libraries, clusters,
 * configuration, target/catalog/schema and notifications ({@link PipelineSettings}). Resource and file
 * names come from the pipeline name (unique unless a pipeline allows duplicates), so jobs that run a
 * pipeline can refer to it; an untracked target pipeline of the same name is adopted.
 *
 * <p>Passive mode: a continuous pipeline would start running as soon as it is created, so in a
 * standby target it is created and updated with {@code continuous = false}, the desired value kept
 * in a tag; a passive refresh reports the desired value (an unchanged revision plans nothing) and a
 * non-passive import (failover) sets it back to continuous. Runs and their state are not exported.
 */
public final class PipelineKind implements Kind {
  /** The run's listing of the target's pipelines ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "PipelineKind";
  public static final String TYPE = "databricks_pipeline";
  static final String BASE = "/api/2.0/pipelines";
  /** Tag marking a pipeline that passive mode made non-continuous; never exported. */
  static final String PASSIVE_TAG = "dbsync_passive_continuous";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "pipeline", "pipeline",
      "Lakeflow Declarative Pipelines (DLT: libraries, clusters, configuration, notifications)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("storage", "gateway_definition.connection_id", "gateway_definition.connection_name",
        "gateway_definition.gateway_storage_catalog", "gateway_definition.gateway_storage_schema",
        "ingestion_definition.connection_name", "ingestion_definition.ingestion_gateway_id",
        "ingestion_definition.ingest_from_uc_foreign_catalog");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode p : listAll(ctx)) {
      String name = p.path("name").asText(p.path("pipeline_id").asText());
      if (ctx.settings().selection().selects(name, p)) {
        out.add(new SourceObject(p.path("pipeline_id").asText(), Names.safe(name), null));
      }
    }
    return out;
  }

  /** Every pipeline's status (the listing has no settings). */
  private static List<JsonNode> listAll(KindContext ctx) throws IOException {
    return TokenPages.all(ctx, BASE, Map.of("max_results", "100"), "statuses");
  }

  /** The pipeline's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "pipelines", obj.id(), "pipeline_id",
        ctx.rendering().ref(TYPE, obj.id(), "id"), "pipeline_" + obj.name());
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return Rest.getOrNull(ctx.client(), BASE + "/" + id);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode pipeline = raw.deepCopy();
    if (pipeline.path("spec").path("tags") instanceof ObjectNode tags) {
      tags.remove(PASSIVE_TAG);
    }
    return PipelineSettings.toConfig(pipeline, rendering);
  }

  /** In passive mode a pipeline this tool made non-continuous is reported as the continuous one it is meant to be. */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    JsonNode raw = read(ctx, id);
    if (raw == null) {
      return Optional.empty();
    }
    ObjectNode attrs = toConfig(raw, ctx.rendering());
    if (ctx.passive() && raw.path("spec").path("tags").has(PASSIVE_TAG)) {
      attrs.put("continuous", true);
    }
    return Optional.of(attrs);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = Rest.post(ctx.client(), BASE, body(ctx, attrs)).path("pipeline_id").asText();
    RunListings.of(ctx).changed(LISTING);
    return id;
  }

  /** Edit takes the whole settings, as create does. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ObjectNode body = body(ctx, attrs);
    body.put("pipeline_id", id);
    Rest.put(ctx.client(), BASE + "/" + id, body);
    RunListings.of(ctx).changed(LISTING);
  }

  private static ObjectNode body(ApplyContext ctx, ObjectNode attrs) {
    ObjectNode body = PipelineSettings.toApi(attrs);
    if (ctx.passive() && body.path("continuous").asBoolean(false)) {
      body.put("continuous", false);
      body.withObjectProperty("tags").put(PASSIVE_TAG, "true");
    }
    return body;
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
    RunListings.of(ctx).changed(LISTING);
  }

  /** Pipeline names are unique unless a pipeline allows duplicates: an untracked one of the name is this one. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = ApiFields.text(attrs, "name");
    if (name == null) {
      return Optional.empty();
    }
    for (JsonNode p : RunListings.of(ctx).get(LISTING, () -> listAll(ctx))) {
      String id = p.path("pipeline_id").asText();
      if (name.equals(p.path("name").asText()) && !ctx.isTracked(TYPE, id)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }
}
