package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Response;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * /api/2.1/unity-catalog/connections (ConnectionInfo), the Lakehouse Federation connections foreign
 * catalogs use. connection_type and options are required; options whose key names a secret
 * (password, secret, token, private key) are write-only: stored, never returned. Update replaces the
 * options map. Delete refuses a connection foreign catalogs still use (the real rule is not
 * documented; dropping the catalogs first is correct either way).
 */
final class ConnectionsApi {
  private static final Set<String> TYPES = Set.of("BIGQUERY", "CONFLUENCE", "DATABRICKS", "DYNAMICS365", "GA4_RAW_DATA",
      "GITHUB", "GLUE", "HIVE_METASTORE", "HTTP", "HUBSPOT", "JDBC", "META_MARKETING", "MYSQL", "ORACLE", "OUTLOOK",
      "POSTGRESQL", "POWER_BI", "REDSHIFT", "SALESFORCE", "SALESFORCE_DATA_CLOUD", "SERVICENOW", "SMARTSHEET",
      "SNOWFLAKE", "SQLDW", "SQLSERVER", "TERADATA", "WORKDAY_RAAS", "ZENDESK");
  private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "private_key", "pem");

  private final UcContext ctx;

  ConnectionsApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.crud("/connections", req -> MetastoreObjects.list(ctx, req, UcType.CONNECTION, "connections", this::render),
        new UcRoutes.Crud(this::render, this::create, this::get, this::update, (name, force) -> delete(name)));
  }

  ObjectNode create(JsonNode body) {
    ObjectNode c = MetastoreObjects.start(ctx, UcType.CONNECTION, body);
    String type = UcContext.required(body, "connection_type");
    if (!TYPES.contains(type)) {
      throw UcErrors.invalid("Invalid connection_type " + type);
    }
    c.put("connection_type", type);
    c.put("connection_id", ctx.store.uuid());
    c.put("securable_type", "CONNECTION");
    setOptions(c, body);
    UcContext.copyText(c, body, "comment");
    UcContext.copyObject(c, body, "properties", "environment_settings");
    c.put("read_only", body.path("read_only").asBoolean(true));
    ctx.stampNew(c, body);
    ctx.store.put(UcType.CONNECTION, c.get("name").asText(), c);
    return c;
  }

  private static void setOptions(ObjectNode c, JsonNode body) {
    JsonNode options = body.get("options");
    if (options == null || !options.isObject()) {
      throw UcErrors.missing("options");
    }
    c.set("options", Json.copy(options));
    if (options.hasNonNull("host")) {
      c.put("url", options.get("host").asText() + (options.hasNonNull("port") ? ":" + options.get("port").asText() : ""));
    }
    if (options.hasNonNull("user") && options.hasNonNull("password")) {
      c.put("credential_type", "USERNAME_PASSWORD");
    }
  }

  private static boolean secret(String optionKey) {
    String k = optionKey.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains);
  }

  ObjectNode render(ObjectNode stored) {
    ObjectNode out = ctx.render(stored);
    if (out.get("options") instanceof ObjectNode options) {
      options.properties().removeIf(e -> secret(e.getKey()));
    }
    return out;
  }

  private ObjectNode get(String name) {
    return ctx.require(UcType.CONNECTION, UcContext.key(name));
  }

  private ObjectNode update(String name, JsonNode body) {
    ObjectNode c = get(name);
    if (body.has("options")) {
      setOptions(c, body);
    }
    MetastoreObjects.update(ctx, c, body, "comment", "environment_settings");
    MetastoreObjects.rename(ctx, UcType.CONNECTION, c, body, UcType.CATALOG, "connection_name");
    ctx.touch(c);
    return c;
  }

  private void delete(String nameParam) {
    ObjectNode c = get(nameParam);
    String name = c.get("name").asText();
    List<String> users = ctx.store.all(UcType.CATALOG).stream()
        .filter(cat -> name.equals(Json.text(cat, "connection_name"))).map(cat -> cat.get("name").asText()).toList();
    if (!users.isEmpty()) {
      throw UcErrors.invalid("Connection '" + name + "' is used by foreign catalog(s) " + String.join(", ", users)
          + "; delete them first.");
    }
    ctx.store.remove(UcType.CONNECTION, name);
  }
}
