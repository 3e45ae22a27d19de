package io.dbsync.kind.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * databricks_mlflow_experiment: the experiment's workspace path (its name), artifact location and
 * tags. Runs, metrics and artifacts are data, not configuration, and are not exported.
 *
 * <p>Left out: notebook experiments (tag mlflow.experimentType NOTEBOOK), which exist with their
 * notebook; the tags MLflow sets itself ({@code mlflow.*}); an artifact location that is the default
 * {@code dbfs:/databricks/mlflow-tracking/<id>} (the target picks its own, as the provider's
 * exporter does). The name is the natural key: a target experiment at the same path is adopted.
 *
 * <p>The API cannot delete an experiment tag, so a tag that leaves the configuration is set to the
 * empty value, and an empty tag counts as absent. Create makes the parent folder first (mkdirs),
 * as a notebook import would: an experiment must live in an existing folder.
 */
public final class ExperimentKind implements Kind {
  /** The run's listing of the target's MLflow experiments ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "ExperimentKind";
  public static final String TYPE = "databricks_mlflow_experiment";
  static final String BASE = "/api/2.0/mlflow/experiments/";
  private static final Pattern DEFAULT_ARTIFACTS = Pattern.compile("dbfs:/databricks/mlflow-tracking/\\d+");

  private static final KindInfo INFO = KindInfo.exported(TYPE, "mlflow_experiment", "mlflow_experiment",
      "MLflow experiments (path, artifact location, tags; runs are data and stay behind)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("artifact_location", "trace_location");
  }

  /** Through GET list, not the POST search: an export sends no POST to the source workspace. */
  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    Map<String, String> query = Map.of("max_results", "1000", "view_type", "ACTIVE_ONLY");
    for (JsonNode e : TokenPages.all(ctx, BASE + "list", query, "experiments")) {
      String name = e.path("name").asText();
      if (!isNotebookExperiment(e) && ctx.settings().selection().selects(name, e)) {
        out.add(new SourceObject(e.path("experiment_id").asText(), Names.safe(name), e));
      }
    }
    return out;
  }

  private static boolean isNotebookExperiment(JsonNode e) {
    return "NOTEBOOK".equals(tags(e).get("mlflow.experimentType"));
  }

  /** The experiment's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "experiments", obj.id(), "experiment_id",
        ctx.rendering().ref(TYPE, obj.id(), "id"), "mlflow_experiment_" + obj.name());
  }

  /** The active experiment, or null (a deleted one still answers get, with lifecycle_stage deleted). */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode r = Rest.getOrNull(ctx.client(), BASE + "get", "experiment_id", id);
    JsonNode e = r == null ? null : r.get("experiment");
    return e == null || "deleted".equals(e.path("lifecycle_stage").asText()) ? null : e;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode attrs = TfJson.object();
    attrs.put("name", raw.path("name").asText());
    String artifacts = ApiFields.text(raw, "artifact_location");
    if (artifacts != null && !DEFAULT_ARTIFACTS.matcher(artifacts).matches()) {
      attrs.put("artifact_location", artifacts);
    }
    ApiFields.copy(raw, attrs, "trace_location");
    ArrayNode tags = ApiFields.tagBlocks(raw.get("tags"), ExperimentKind::isUserTag);
    if (!tags.isEmpty()) {
      attrs.set("tags", tags);
    }
    return attrs;
  }

  private static boolean isUserTag(JsonNode t) {
    return !t.path("key").asText().startsWith("mlflow.") && !t.path("value").asText("").isEmpty();
  }

  /** Tag key -> value of an API experiment. */
  private static Map<String, String> tags(JsonNode raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode t : raw.path("tags")) {
      out.put(t.path("key").asText(), t.path("value").asText(""));
    }
    return out;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.path("name").asText();
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      Rest.post(ctx.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", name.substring(0, slash)));
    }
    ObjectNode body = TfJson.object().put("name", name);
    ApiFields.copy(attrs, body, "artifact_location", "tags", "trace_location");
    if (body.has("tags")) {
      body.set("tags", ApiFields.asArray(body.get("tags")));
    }
    String id = Rest.post(ctx.client(), BASE + "create", body).path("experiment_id").asText();
    RunListings.of(ctx).changed(LISTING);
    return id;
  }

  /** Renames when the path changed; sets the tags that differ and blanks those that left. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    JsonNode current = read(ctx, id);
    if (current == null) {
      throw new IOException("experiment " + id + " no longer exists");
    }
    String name = attrs.path("name").asText();
    if (!name.equals(current.path("name").asText())) {
      Rest.post(ctx.client(), BASE + "update", TfJson.object().put("experiment_id", id).put("new_name", name));
      RunListings.of(ctx).changed(LISTING);
    }
    Map<String, String> have = tags(current);
    Map<String, String> want = new LinkedHashMap<>();
    ApiFields.asArray(attrs.get("tags")).forEach(t -> want.put(t.path("key").asText(), t.path("value").asText("")));
    for (Map.Entry<String, String> t : want.entrySet()) {
      if (!t.getValue().equals(have.get(t.getKey()))) {
        setTag(ctx, id, t.getKey(), t.getValue());
      }
    }
    for (Map.Entry<String, String> t : have.entrySet()) {
      if (!t.getKey().startsWith("mlflow.") && !t.getValue().isEmpty() && !want.containsKey(t.getKey())) {
        setTag(ctx, id, t.getKey(), "");
      }
    }
  }

  private static void setTag(ApplyContext ctx, String id, String key, String value) throws IOException {
    Rest.post(ctx.client(), BASE + "set-experiment-tag",
        TfJson.object().put("experiment_id", id).put("key", key).put("value", value));
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.postTolerantOfGone(ctx.client(), BASE + "delete", TfJson.object().put("experiment_id", id));
    RunListings.of(ctx).changed(LISTING);
  }

  /** An active experiment at the same path is this one. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.path("name").asText();
    // the active experiments: a deleted one's name is free (get-by-name does not find it either)
    List<JsonNode> all = RunListings.of(ctx).get(LISTING, () -> TokenPages.all(ctx, BASE + "list",
        Map.of("max_results", "1000", "view_type", "ACTIVE_ONLY"), "experiments"));
    return all.stream().filter(e -> name.equals(e.path("name").asText())).findFirst()
        .map(e -> ApiFields.text(e, "experiment_id"));
  }
}
