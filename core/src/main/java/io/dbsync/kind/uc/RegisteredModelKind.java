package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * databricks_registered_model: a model in Unity Catalog, its metadata and its aliases (the provider's
 * {@code aliases} blocks, alias_name and version_num). Model versions hold files and come from MLflow
 * runs; they are not copied, so an alias can be set only where its version exists in the target: the
 * import sets the others and then fails that model with a message naming the missing versions.
 * Terraform id "catalog.schema.model".
 */
public final class RegisteredModelKind extends UcKind {
  public static final String TYPE = "databricks_registered_model";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_MODELS,
      "Unity Catalog registered models (metadata and aliases; versions not copied)");

  public RegisteredModelKind() {
    super(INFO, Securable.MODEL, "models", true,
        Set.of("name", "catalog_name", "schema_name"));
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, scope -> scope.inSchemas("models", "registered_models"));
  }

  /** Listings carry no aliases: each model is read. */
  @Override
  JsonNode listedDetails(JsonNode listed) {
    return null;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return UcApi.getOrNull(ctx.client(), UcApi.path(collection(), id), "include_aliases", "true");
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    String catalog = raw.path("catalog_name").asText();
    out.put("name", raw.path("name").asText());
    out.put("catalog_name", catalogRef(rendering, catalog));
    out.put("schema_name", schemaRef(rendering, catalog, raw.path("schema_name").asText()));
    text(out, raw, "comment");
    text(out, raw, "owner");
    Map<String, Long> aliases = aliases(raw);
    if (!aliases.isEmpty()) {
      ArrayNode a = out.putArray("aliases");
      aliases.forEach((alias, version) -> a.addObject().put("alias_name", alias).put("version_num", version));
    }
    return out;
  }

  /** alias -> version of an API object or of the attributes' aliases blocks, sorted by alias. */
  private static Map<String, Long> aliases(JsonNode node) {
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode a : node.path("aliases")) {
      out.put(a.path("alias_name").asText(), a.path("version_num").asLong());
    }
    return out;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = create(ctx, attrs, body(attrs, "name", "catalog_name", "schema_name", "comment"));
    setAliases(ctx, id, attrs, Map.of());
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    update(ctx, id, attrs, prior, body(attrs, "comment"), null);
    JsonNode current = read(ctx, id);
    setAliases(ctx, id, attrs, current == null ? Map.of() : aliases(current));
  }

  /** Puts the aliases that differ, removes those the attributes lack; missing versions fail at the end. */
  private void setAliases(ApplyContext ctx, String id, JsonNode attrs, Map<String, Long> current) throws IOException {
    Map<String, Long> want = aliases(attrs);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Long> e : want.entrySet()) {
      if (e.getValue().equals(current.get(e.getKey()))) {
        continue;
      }
      try {
        Rest.put(ctx.client(), UcApi.path(collection() + "/" + UcApi.encode(id) + "/aliases", e.getKey()),
            TfJson.object().put("version_num", e.getValue()));
      } catch (IOException | RuntimeException ex) {
        if (!Rest.isNotFound(ex)) {
          throw ex;
        }
        missing.add(e.getKey() + " -> version " + e.getValue());
      }
    }
    for (String alias : current.keySet()) {
      if (!want.containsKey(alias)) {
        Rest.deleteTolerantOfGone(ctx.client(), UcApi.path(collection() + "/" + UcApi.encode(id) + "/aliases", alias));
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException("registered model " + id + ": alias(es) " + String.join(", ", missing) + " not set: the "
          + "version does not exist in the target. Model versions (their files) are not copied: register them in the "
          + "target, then import again");
    }
  }
}
