package io.dbsync.kind.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_mlflow_model: a model of the workspace model registry (name, description, tags; its
 * versions are data and stay behind). The Terraform id is the name, which is unique and the natural
 * key (an existing model of that name is adopted); a rename replaces, as in the provider. The
 * permissions API knows the model by a numeric id, the computed attribute {@code registered_model_id}
 * that the model's databricks_permissions refer to. Models in Unity Catalog are another kind
 * (databricks_registered_model).
 */
public final class MlflowModelKind implements Kind {
  /** The run's listing of the target's registered models ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "MlflowModelKind";
  public static final String TYPE = "databricks_mlflow_model";
  static final String BASE = "/api/2.0/mlflow/registered-models/";
  private static final String DATABRICKS_GET = "/api/2.0/mlflow/databricks/registered-models/get";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "mlflow_model", "mlflow_model",
      "Workspace model registry models (description, tags; versions are data and stay behind)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("name");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode m : TokenPages.all(ctx, BASE + "list", Map.of("max_results", "1000"), "registered_models")) {
      String name = m.path("name").asText();
      if (ctx.settings().selection().selects(name, m)) {
        // the listing lacks the numeric id that the permissions need: read each model
        out.add(new SourceObject(name, Names.safe(name), null));
      }
    }
    return out;
  }

  /** The model's direct permissions, by its numeric id. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "registered-models", raw.path("id").asText(), "registered_model_id",
        ctx.rendering().ref(TYPE, obj.id(), "registered_model_id"), "mlflow_model_" + obj.name());
  }

  /** The Databricks form of the model (with the numeric id), or null. */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode r = Rest.getOrNull(ctx.client(), DATABRICKS_GET, "name", id);
    return r == null ? null : r.get("registered_model_databricks");
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode attrs = TfJson.object();
    attrs.put("name", raw.path("name").asText());
    String description = ApiFields.text(raw, "description");
    if (description != null && !description.isEmpty()) {
      attrs.put("description", description);
    }
    ArrayNode tags = ApiFields.tagBlocks(raw.get("tags"), t -> true);
    if (!tags.isEmpty()) {
      attrs.set("tags", tags);
    }
    return attrs;
  }

  @Override
  public JsonNode computedAttribute(KindContext ctx, String id, String attr) throws IOException {
    if (!"registered_model_id".equals(attr)) {
      return null;
    }
    JsonNode m = read(ctx, id);
    return m == null || !m.hasNonNull("id") ? null : TextNode.valueOf(m.get("id").asText());
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object().put("name", attrs.path("name").asText());
    ApiFields.copy(attrs, body, "description");
    if (attrs.has("tags")) {
      body.set("tags", ApiFields.asArray(attrs.get("tags").deepCopy()));
    }
    String name = Rest.post(ctx.client(), BASE + "create", body).path("registered_model").path("name").asText();
    RunListings.of(ctx).changed(LISTING);
    return name;
  }

  /** Description through update, tags one by one (set the changed, delete those that left). */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    JsonNode current = read(ctx, id);
    if (current == null) {
      throw new IOException("model " + id + " no longer exists");
    }
    String description = attrs.path("description").asText("");
    if (!description.equals(current.path("description").asText(""))) {
      Rest.patch(ctx.client(), BASE + "update", TfJson.object().put("name", id).put("description", description));
    }
    Map<String, String> have = tagMap(current.get("tags"));
    Map<String, String> want = tagMap(ApiFields.asArray(attrs.get("tags")));
    for (Map.Entry<String, String> t : want.entrySet()) {
      if (!t.getValue().equals(have.get(t.getKey()))) {
        Rest.post(ctx.client(), BASE + "set-tag",
            TfJson.object().put("name", id).put("key", t.getKey()).put("value", t.getValue()));
      }
    }
    for (String key : have.keySet()) {
      if (!want.containsKey(key)) {
        Rest.delete(ctx.client(), BASE + "delete-tag", Map.of("name", id, "key", key));
      }
    }
  }

  private static Map<String, String> tagMap(JsonNode tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode t : tags == null ? TfJson.array() : tags) {
      out.put(t.path("key").asText(), t.path("value").asText(""));
    }
    return out;
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "delete", Map.of("name", id));
    RunListings.of(ctx).changed(LISTING);
  }

  /** Model names are unique: a target model with the name is this one. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.path("name").asText();
    List<JsonNode> all = RunListings.of(ctx).get(LISTING,
        () -> TokenPages.all(ctx, BASE + "list", Map.of("max_results", "1000"), "registered_models"));
    return all.stream().anyMatch(m -> name.equals(m.path("name").asText())) ? Optional.of(name) : Optional.empty();
  }
}
