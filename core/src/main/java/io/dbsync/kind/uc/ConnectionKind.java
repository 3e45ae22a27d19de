package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * databricks_connection: a Lakehouse Federation connection (foreign catalogs use it). The API never
 * returns secret options, so the export names the ones the connection needs as sensitive variables
 * the import supplies: {@code password} with a user name (USERNAME_PASSWORD), {@code client_secret}
 * with a client id (OAuth), GoogleServiceAccountKeyJson for BigQuery, personalAccessToken for
 * Databricks-to-Databricks. The Terraform id is the name (the provider's is "&lt;metastore&gt;|&lt;name&gt;";
 * references use the name).
 */
public final class ConnectionKind extends UcKind {
  public static final String TYPE = "databricks_connection";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_CONNECTIONS,
      "Unity Catalog connections (secret options as sensitive variables)");

  private static final Set<String> WRITE_ONLY = Set.of("options.user", "options.password", "options.personalAccessToken",
      "options.access_token", "options.client_secret", "options.pem_private_key", "options.OAuthPvtKey",
      "options.GoogleServiceAccountKeyJson", "options.bearer_token");

  public ConnectionKind() {
    super(INFO, Securable.CONNECTION, "connections", false,
        Set.of("name", "connection_type", "read_only", "properties"));
  }

  /** Options the API never returns (the provider keeps the same list from its configuration). */
  @Override
  public Set<String> writeOnly() {
    return WRITE_ONLY;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, scope -> scope.metastoreObjects(collection(), "connections"));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    out.put("name", raw.path("name").asText());
    out.put("connection_type", raw.path("connection_type").asText());
    map(out, raw, "options");
    map(out, raw, "properties");
    text(out, raw, "comment");
    text(out, raw, "owner");
    out.put("read_only", raw.path("read_only").asBoolean(false));
    if (raw.get("environment_settings") instanceof ObjectNode env && !env.isEmpty()) {
      out.set("environment_settings", env.deepCopy());
    }
    return out;
  }

  /** The secret options this connection needs (see the class comment). */
  static Set<String> secretOptions(JsonNode raw) {
    JsonNode options = raw.path("options");
    Set<String> out = new TreeSet<>();
    if ("USERNAME_PASSWORD".equals(raw.path("credential_type").asText()) || options.has("user")) {
      out.add("password");
    }
    if (options.has("client_id")) {
      out.add("client_secret");
    }
    switch (raw.path("connection_type").asText()) {
      case "BIGQUERY" -> out.add("GoogleServiceAccountKeyJson");
      case "DATABRICKS" -> out.add("personalAccessToken");
      default -> {
      }
    }
    return out; // also when the API returned one: a secret's value is never written
  }

  @Override
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) {
    Set<String> secrets = secretOptions(raw);
    if (secrets.isEmpty()) {
      return;
    }
    String name = raw.path("name").asText();
    ObjectNode options = attrs.has("options") ? (ObjectNode) attrs.get("options") : attrs.putObject("options");
    for (String key : secrets) {
      options.put(key, ctx.rendering().variable("uc_connection_" + Names.safe(name) + "_" + Names.safe(key),
          "Connection " + name + ": option " + key + " (secret, cannot be exported)", true, null));
    }
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return create(ctx, attrs, body(attrs, "name", "connection_type", "options", "properties", "comment", "read_only",
        "environment_settings"));
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    update(ctx, id, attrs, prior, body(attrs, "options", "comment", "environment_settings"), null);
  }
}
