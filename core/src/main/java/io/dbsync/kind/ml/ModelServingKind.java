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
 * databricks_model_serving: a model serving endpoint with its config (served entities, traffic,
 * inference tables), tags and AI gateway (rate limits, guardrails, usage tracking). The Terraform id
 * is the endpoint name, unique and the natural key (an endpoint of that name is adopted). The
 * permissions API knows an endpoint by its hex id, the computed attribute {@code serving_endpoint_id}.
 *
 * <p>Left out: the pay-per-token foundation model endpoints every workspace has (they serve a
 * {@code foundation_model}), and the deprecated endpoint-level rate_limits, which the API does not
 * return (AI gateway rate limits replace them). Only config, tags and AI gateway can change in
 * place; the rest replaces the endpoint (the provider cannot update it either).
 */
public final class ModelServingKind implements Kind {
  /** The run's listing of the target's serving endpoints ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "ModelServingKind";
  public static final String TYPE = "databricks_model_serving";
  static final String BASE = "/api/2.0/serving-endpoints";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "model_serving", "model_serving",
      "Model serving endpoints (served entities, traffic, AI gateway; plaintext API keys as variables)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> writeOnly() {
    return ServingCredentials.plaintextPaths();
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("name", "route_optimized", "description", "budget_policy_id",
        "email_notifications", "config.auto_capture_config.catalog_name", "config.auto_capture_config.schema_name",
        "config.auto_capture_config.table_name_prefix");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode e : Rest.get(ctx.client(), BASE).path("endpoints")) {
      String name = e.path("name").asText();
      if (!servesFoundationModel(e) && ctx.settings().selection().selects(name, e)) {
        out.add(new SourceObject(name, Names.safe(name), null));
      }
    }
    return out;
  }

  private static boolean servesFoundationModel(JsonNode endpoint) {
    for (JsonNode s : endpoint.path("config").path("served_entities")) {
      if (s.hasNonNull("foundation_model")) {
        return true;
      }
    }
    return false;
  }

  /** The endpoint's direct permissions, by its hex id. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "serving-endpoints", raw.path("id").asText(), "serving_endpoint_id",
        ctx.rendering().ref(TYPE, obj.id(), "serving_endpoint_id"), "model_serving_" + obj.name());
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return Rest.getOrNull(ctx.client(), BASE + "/" + id);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    return ServingEndpoints.toConfig(raw, rendering);
  }

  @Override
  public JsonNode computedAttribute(KindContext ctx, String id, String attr) throws IOException {
    if (!"serving_endpoint_id".equals(attr)) {
      return null;
    }
    JsonNode e = read(ctx, id);
    return e == null || !e.hasNonNull("id") ? null : TextNode.valueOf(e.get("id").asText());
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    ApiFields.copy(attrs, body, ServingEndpoints.TOP);
    ApiFields.copy(attrs, body, "route_optimized");
    if (attrs.has("tags")) {
      body.set("tags", ApiFields.asArray(attrs.get("tags").deepCopy()));
    }
    if (attrs.has("config")) {
      body.set("config", ServingEndpoints.configToApi(attrs.get("config")));
    }
    if (attrs.has("ai_gateway")) {
      body.set("ai_gateway", ServingEndpoints.gatewayToApi(attrs.get("ai_gateway")));
    }
    String name = Rest.post(ctx.client(), BASE, body).path("name").asText();
    RunListings.of(ctx).changed(LISTING);
    return name;
  }

  /**
   * Config, tags and AI gateway, each only when it differs from the endpoint now. A config with a
   * plaintext credential is always sent: the endpoint never shows the credential to compare.
   */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    JsonNode raw = read(ctx, id);
    if (raw == null) {
      throw new IOException("serving endpoint " + id + " no longer exists");
    }
    ObjectNode current = toConfig(raw, ctx.rendering());
    JsonNode config = attrs.get("config");
    if (config != null && (!config.equals(current.get("config")) || ServingCredentials.hasPlaintext(config))) {
      Rest.put(ctx.client(), BASE + "/" + id + "/config", ServingEndpoints.configToApi(config));
    }
    JsonNode gateway = attrs.get("ai_gateway");
    if (gateway == null ? current.has("ai_gateway") : !gateway.equals(current.get("ai_gateway"))) {
      Rest.put(ctx.client(), BASE + "/" + id + "/ai-gateway", ServingEndpoints.gatewayToApi(gateway));
    }
    patchTags(ctx, id, ApiFields.asArray(attrs.get("tags")), ApiFields.asArray(current.get("tags")));
  }

  private static void patchTags(ApplyContext ctx, String id, ArrayNode want, ArrayNode have) throws IOException {
    Map<String, JsonNode> current = new LinkedHashMap<>();
    have.forEach(t -> current.put(t.path("key").asText(), t));
    ObjectNode body = TfJson.object();
    ArrayNode add = body.putArray("add_tags");
    ArrayNode remove = body.putArray("delete_tags");
    Map<String, JsonNode> desired = new LinkedHashMap<>();
    want.forEach(t -> desired.put(t.path("key").asText(), t));
    desired.forEach((key, tag) -> {
      if (!tag.equals(current.get(key))) {
        add.add(tag.deepCopy());
      }
    });
    current.keySet().stream().filter(k -> !desired.containsKey(k)).forEach(remove::add);
    if (!add.isEmpty() || !remove.isEmpty()) {
      Rest.patch(ctx.client(), BASE + "/" + id + "/tags", body);
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
    RunListings.of(ctx).changed(LISTING);
  }

  /** Endpoint names are unique: an endpoint with the name is this one. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = attrs.path("name").asText();
    JsonNode all = RunListings.of(ctx).get(LISTING, () -> Rest.get(ctx.client(), BASE).path("endpoints"));
    for (JsonNode e : all) {
      if (name.equals(e.path("name").asText())) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
