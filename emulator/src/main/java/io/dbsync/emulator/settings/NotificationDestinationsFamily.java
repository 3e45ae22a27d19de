package io.dbsync.emulator.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.support.Pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notification destinations 2.0 (/api/2.0/notification-destinations): create, get, list
 * ({@code results} of id, display name and type; {@code page_size} default {@value #DEFAULT_PAGE},
 * {@code page_token}), update (PATCH: display name and/or config fields; the type cannot change) and
 * delete. The config wraps exactly one of email, slack, generic_webhook, microsoft_teams or pagerduty.
 * Everything but email addresses is write-only, as on the real API: responses replace each given
 * field with {@code <field>_set: true} (a webhook's url, username and password, a Slack url, channel
 * id and OAuth token, every Teams field, a PagerDuty integration key); an update keeps the fields it
 * does not give.
 *
 * <p>Seed format (key {@code "notification-destinations"}): an array of create bodies, each
 * optionally with {@code id}. {@link #dump()} returns the destinations with their secrets (a test
 * instrument) and {@code destination_type}.
 */
public final class NotificationDestinationsFamily implements Family {
  static final int DEFAULT_PAGE = 20;
  private static final String BASE = "/api/2.0/notification-destinations";
  /** Config kind -> destination_type. */
  private static final Map<String, String> TYPES = Map.of("email", "EMAIL", "slack", "SLACK", "generic_webhook", "WEBHOOK",
      "microsoft_teams", "MICROSOFT_TEAMS", "pagerduty", "PAGERDUTY");
  /** Config kind -> its write-only fields. */
  private static final Map<String, List<String>> SECRETS = Map.of("email", List.of(),
      "slack", List.of("url", "channel_id", "oauth_token"),
      "generic_webhook", List.of("url", "username", "password"),
      "microsoft_teams", List.of("url", "app_id", "auth_secret", "channel_url", "tenant_id"),
      "pagerduty", List.of("integration_key"));

  private final Map<String, ObjectNode> destinations = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "notification-destinations";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE, name(), req -> Response.ok(view(create(req.json(), ws.uuid()))));
    router.add("GET", BASE, name(), this::list);
    router.add("GET", BASE + "/{id}", name(), req -> Response.ok(view(require(req.pathParam("id")))));
    router.add("PATCH", BASE + "/{id}", name(), this::update);
    router.add("DELETE", BASE + "/{id}", name(), req -> {
      destinations.remove(require(req.pathParam("id")).get("id").asText());
      return Response.empty();
    });
  }

  private ObjectNode require(String id) {
    ObjectNode d = id == null ? null : destinations.get(id);
    if (d == null) {
      throw ApiException.notFound("Notification destination " + id + " does not exist.");
    }
    return d;
  }

  /** The one config kind a config object wraps. */
  private static String kindOf(JsonNode config) {
    List<String> kinds = new ArrayList<>();
    config.fieldNames().forEachRemaining(k -> {
      if (!config.get(k).isNull()) {
        kinds.add(k);
      }
    });
    if (kinds.size() != 1 || !TYPES.containsKey(kinds.get(0))) {
      throw ApiException.invalidParameter("config must wrap exactly one of email, slack, generic_webhook, microsoft_teams, "
          + "pagerduty; got " + kinds);
    }
    return kinds.get(0);
  }

  private ObjectNode create(JsonNode body, String id) {
    String displayName = Fields.requireText(body, "display_name");
    ObjectNode config = Fields.withoutNulls(Fields.requireObject(body, "config"));
    String kind = kindOf(config);
    ObjectNode d = Json.object();
    d.put("id", id);
    d.put("display_name", displayName);
    d.put("destination_type", TYPES.get(kind));
    d.set("config", config);
    destinations.put(id, d);
    return d;
  }

  private Response update(Request req) {
    ObjectNode d = require(req.pathParam("id"));
    ObjectNode body = req.json();
    if (body.hasNonNull("display_name")) {
      d.put("display_name", Fields.requireText(body, "display_name"));
    }
    if (body.hasNonNull("config")) {
      ObjectNode config = Fields.withoutNulls((ObjectNode) body.get("config"));
      String kind = kindOf(config);
      if (!TYPES.get(kind).equals(Json.text(d, "destination_type"))) {
        throw ApiException.invalidParameter("The type of a notification destination cannot be changed (is "
            + Json.text(d, "destination_type") + ")");
      }
      ((ObjectNode) d.get("config").get(kind)).setAll((ObjectNode) config.get(kind));
    }
    return Response.ok(view(d));
  }

  /** The API form: write-only fields replaced by their "_set" flags. */
  private static ObjectNode view(ObjectNode d) {
    ObjectNode out = Json.copy(d);
    ObjectNode config = (ObjectNode) out.get("config");
    String kind = config.fieldNames().next();
    ObjectNode fields = (ObjectNode) config.get(kind);
    for (String secret : SECRETS.get(kind)) {
      if (fields.hasNonNull(secret) && !fields.get(secret).asText().isEmpty()) {
        fields.put(secret + "_set", true);
      }
      fields.remove(secret);
    }
    return out;
  }

  private Response list(Request req) {
    int size = Pages.size(req, "page_size", DEFAULT_PAGE, 100);
    return Response.ok(Pages.of(new ArrayList<>(destinations.values()), req.q("page_token"), size)
        .toJson("results", d -> Json.copy(d).without("config")));
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    destinations.values().forEach(d -> out.add(Json.copy(d)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("notification-destinations seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      create(item, item.hasNonNull("id") ? Json.text(item, "id") : ws.uuid());
    }
  }
}
