package io.dbsync.emulator.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A serving endpoint's config as the API turns an EndpointCoreConfigInput into the
 * EndpointCoreConfigOutput it returns: served entities (and legacy served models) get their default
 * names ({@code entity_name-entity_version}, of a Unity Catalog model its last name part; an
 * external model's name with '.' and ':' replaced by '-'), creator, creation time and a ready deployment state; secrets given in plaintext
 * ({@code *_plaintext}) are never returned; a single served entity gets the whole traffic.
 */
final class EndpointConfig {
  private EndpointConfig() {}

  static ObjectNode output(JsonNode input, long version, String creator, long now) {
    ObjectNode out = Json.object();
    List<String> names = new ArrayList<>();
    if (input.path("served_entities").size() > 0) {
      ArrayNode entities = out.putArray("served_entities");
      for (JsonNode e : input.get("served_entities")) {
        entities.add(served(e, entityName(e), creator, now, names));
      }
    }
    if (input.path("served_models").size() > 0) {
      ArrayNode models = out.putArray("served_models");
      for (JsonNode m : input.get("served_models")) {
        String name = Json.text(m, "name") != null ? Json.text(m, "name")
            : Fields.requireText(m, "model_name") + "-" + Fields.requireText(m, "model_version");
        models.add(served(m, name, creator, now, names));
      }
    }
    if (names.isEmpty()) {
      throw ApiException.invalidParameter("The config must serve at least one entity (served_entities or served_models).");
    }
    ObjectNode traffic = traffic(input.get("traffic_config"), names);
    if (traffic != null) {
      out.set("traffic_config", traffic);
    }
    if (input.hasNonNull("auto_capture_config")) {
      out.set("auto_capture_config", Fields.withoutNulls(input.get("auto_capture_config")));
    }
    out.put("config_version", version);
    return out;
  }

  private static String entityName(JsonNode e) {
    if (Json.text(e, "name") != null) {
      return Json.text(e, "name");
    }
    JsonNode external = e.get("external_model");
    if (external != null && !external.isNull()) {
      return Fields.requireText(external, "name").replace('.', '-').replace(':', '-');
    }
    String version = Json.text(e, "entity_version");
    String entity = Fields.requireText(e, "entity_name");
    return entity.substring(entity.lastIndexOf('.') + 1) + (version == null ? "" : "-" + version);
  }

  private static ObjectNode served(JsonNode given, String name, String creator, long now, List<String> names) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw ApiException.invalidParameter("Served entity name '" + name + "' must consist of alphanumeric characters, dashes and "
          + "underscores.");
    }
    if (names.contains(name)) {
      throw ApiException.invalidParameter("Served entity names must be unique within an endpoint: '" + name + "' is used twice.");
    }
    if (given.hasNonNull("external_model") && given.hasNonNull("entity_name")) {
      throw ApiException.invalidParameter("Only one of external_model and entity_name can be specified for served entity " + name);
    }
    names.add(name);
    ObjectNode s = withoutPlaintext(Fields.withoutNulls((ObjectNode) given));
    s.put("name", name);
    s.put("creator", creator);
    s.put("creation_timestamp", now);
    s.putObject("state").put("deployment", "DEPLOYMENT_READY").put("deployment_state_message", "");
    return s;
  }

  /** Removes every "*_plaintext" secret (external model API keys) from a tree. */
  private static ObjectNode withoutPlaintext(ObjectNode node) {
    List<String> secrets = new ArrayList<>();
    node.properties().forEach(f -> {
      if (f.getKey().endsWith("_plaintext")) {
        secrets.add(f.getKey());
      } else if (f.getValue().isObject()) {
        withoutPlaintext((ObjectNode) f.getValue());
      }
    });
    node.remove(secrets);
    return node;
  }

  /** Routes name served entities and add up to 100; one served entity without routes gets them all. */
  private static ObjectNode traffic(JsonNode given, List<String> names) {
    if (given == null || given.isNull() || given.path("routes").isEmpty()) {
      if (names.size() != 1) {
        return null;
      }
      ObjectNode t = Json.object();
      t.putArray("routes").addObject().put("served_model_name", names.get(0)).put("served_entity_name", names.get(0))
          .put("traffic_percentage", 100);
      return t;
    }
    long total = 0;
    Set<String> routed = new HashSet<>();
    for (JsonNode r : given.get("routes")) {
      String target = Json.text(r, "served_entity_name") != null ? Json.text(r, "served_entity_name") : Json.text(r, "served_model_name");
      if (target == null || !names.contains(target)) {
        throw ApiException.invalidParameter("Traffic route names an unknown served entity: " + target);
      }
      if (!routed.add(target)) {
        throw ApiException.invalidParameter("Traffic config routes to served entity " + target + " more than once.");
      }
      total += r.path("traffic_percentage").asLong(0);
    }
    if (total != 100) {
      throw ApiException.invalidParameter("The traffic percentages of the routes must add up to 100, got " + total + ".");
    }
    return Fields.withoutNulls((ObjectNode) given);
  }

  /** The list form of a config: names and what each entity serves. */
  static ObjectNode summary(JsonNode config) {
    ObjectNode s = Json.object();
    for (String kind : List.of("served_entities", "served_models")) {
      if (config.has(kind)) {
        ArrayNode arr = s.putArray(kind);
        for (JsonNode e : config.get(kind)) {
          ObjectNode one = arr.addObject();
          for (String f : List.of("name", "entity_name", "entity_version", "external_model", "foundation_model",
              "model_name", "model_version")) {
            if (e.has(f)) {
              one.set(f, e.get(f).deepCopy());
            }
          }
        }
      }
    }
    return s;
  }
}
