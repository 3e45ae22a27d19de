package io.dbsync.kind.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApiFields;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.List;

/**
 * A serving endpoint (ServingEndpointDetailed) <-> databricks_model_serving attributes. The HCL
 * names are the API's; what the mapping does is drop what the workspace fills in (creator, state,
 * config_version, foundation_model), sort what has no order (served entities by name, routes, tags),
 * turn plaintext credentials into variables ({@link ServingCredentials}) and refer to the exported
 * objects an endpoint serves: a workspace registry model (a name without dots) becomes a reference to
 * its databricks_mlflow_model, an instance profile to its databricks_instance_profile. Unity Catalog
 * models (three-part names) stay names.
 */
final class ServingEndpoints {
  static final String[] TOP = {"name", "description", "budget_policy_id", "email_notifications"};
  private static final String[] SERVED = {"name", "entity_name", "entity_version", "model_name", "model_version",
      "external_model", "workload_size", "workload_type", "scale_to_zero_enabled", "min_provisioned_throughput",
      "max_provisioned_throughput", "min_provisioned_concurrency", "max_provisioned_concurrency",
      "provisioned_model_units", "environment_vars", "instance_profile_arn", "burst_scaling_enabled"};
  private static final String[] AUTO_CAPTURE = {"catalog_name", "schema_name", "table_name_prefix", "enabled"};

  private ServingEndpoints() {}

  static ObjectNode toConfig(JsonNode raw, Rendering r) {
    ObjectNode attrs = TfJson.object();
    ApiFields.copy(raw, attrs, TOP);
    if (raw.path("route_optimized").asBoolean(false)) {
      attrs.put("route_optimized", true);
    }
    ArrayNode tags = ApiFields.tagBlocks(raw.get("tags"), t -> true);
    if (!tags.isEmpty()) {
      attrs.set("tags", tags);
    }
    if (raw.get("ai_gateway") instanceof ObjectNode gateway) {
      attrs.set("ai_gateway", TfJson.prune(gateway.deepCopy()));
    }
    if (raw.get("config") instanceof ObjectNode config) {
      attrs.set("config", config(config, raw.path("name").asText(), r));
    }
    return TfJson.prune(attrs);
  }

  private static ObjectNode config(JsonNode config, String endpoint, Rendering r) {
    ObjectNode out = TfJson.object();
    for (String kind : new String[] {"served_entities", "served_models"}) {
      List<JsonNode> served = new ArrayList<>();
      config.path(kind).forEach(s -> served.add(served(s, endpoint, r)));
      if (!served.isEmpty()) {
        out.set(kind, ApiFields.sortedBy(served, "name"));
      }
    }
    List<JsonNode> routes = new ArrayList<>();
    for (JsonNode route : config.path("traffic_config").path("routes")) {
      ObjectNode rt = TfJson.object();
      ApiFields.copy(route, rt, "served_entity_name", "traffic_percentage");
      String model = ApiFields.text(route, "served_model_name");
      if (model != null && !model.equals(ApiFields.text(route, "served_entity_name"))) {
        rt.put("served_model_name", model);
      }
      routes.add(rt);
    }
    if (!routes.isEmpty()) {
      routes.sort((a, b) -> routeKey(a).compareTo(routeKey(b)));
      ArrayNode arr = TfJson.array();
      routes.forEach(arr::add);
      out.putObject("traffic_config").set("routes", arr);
    }
    if (config.get("auto_capture_config") instanceof ObjectNode capture) {
      ApiFields.copy(capture, out.putObject("auto_capture_config"), AUTO_CAPTURE);
    }
    return out;
  }

  private static String routeKey(JsonNode route) {
    return route.path("served_entity_name").asText(route.path("served_model_name").asText());
  }

  private static ObjectNode served(JsonNode s, String endpoint, Rendering r) {
    ObjectNode out = TfJson.object();
    ApiFields.copy(s, out, SERVED);
    for (String field : new String[] {"entity_name", "model_name"}) {
      String model = ApiFields.text(out, field);
      if (model != null && !model.contains(".") && !out.has("external_model")) {
        out.put(field, r.ref(MlflowModelKind.TYPE, model, "name"));
      }
    }
    String profile = ApiFields.text(out, "instance_profile_arn");
    if (profile != null) {
      out.put("instance_profile_arn", r.ref("databricks_instance_profile", profile, "id"));
    }
    if (out.get("external_model") instanceof ObjectNode external) {
      ServingCredentials.plaintextAsVariables(external, endpoint, s.path("name").asText(), r);
    }
    return TfJson.prune(out);
  }

  /** The API body of a config (EndpointCoreConfigInput) from resolved attributes. */
  static ObjectNode configToApi(JsonNode config) {
    ObjectNode body = config.deepCopy();
    for (String kind : new String[] {"served_entities", "served_models"}) {
      if (body.has(kind)) {
        body.set(kind, ApiFields.asArray(body.get(kind)));
      }
    }
    if (body.get("traffic_config") instanceof ObjectNode traffic && traffic.has("routes")) {
      traffic.set("routes", ApiFields.asArray(traffic.get("routes")));
    }
    return body;
  }

  /** The API body of an AI gateway config from resolved attributes. */
  static ObjectNode gatewayToApi(JsonNode gateway) {
    ObjectNode body = gateway == null || !gateway.isObject() ? TfJson.object() : gateway.deepCopy();
    if (body.has("rate_limits")) {
      body.set("rate_limits", ApiFields.asArray(body.get("rate_limits")));
    }
    return body;
  }
}
