package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.util.Optional;

/**
 * databricks_secret (resource-only: the scope's file holds it). The value is write-only in the
 * API, so string_value is a sensitive variable at export; at refresh the value is unknown and the
 * attribute is left out (the engine keeps the applied value from its state for such attributes).
 */
public final class SecretKind implements Kind {
  public static final String TYPE = "databricks_secret";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String configKey() {
    return "secret";
  }

  @Override
  public String directory() {
    return null;
  }

  @Override
  public boolean replaceOnAnyChange() {
    return true;
  }

  @Override
  public JsonNode read(WorkspaceClient client, String id) throws Exception {
    Secrets.PairId p = Secrets.PairId.parse(id);
    JsonNode list = Secrets.getOrNull(client, "/api/2.0/secrets/list", "scope", p.scope());
    for (JsonNode s : list == null ? TfJson.array() : list.path("secrets")) {
      if (p.second().equals(s.path("key").asText())) {
        return ((ObjectNode) s.deepCopy()).put("scope", p.scope());
      }
    }
    return null;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    String scope = raw.path("scope").asText();
    String key = raw.path("key").asText();
    ObjectNode attrs = TfJson.object();
    attrs.put("scope", rendering.ref(SecretScopeKind.TYPE, scope, "name"));
    attrs.put("key", key);
    String value = rendering.variable(Secrets.childName(scope, key),
        "Value of secret " + key + " in scope " + scope, true, null);
    if (value != null) {
      attrs.put("string_value", value);
    }
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String scope = attrs.get("scope").asText();
    String key = attrs.get("key").asText();
    put(ctx, scope, key, attrs);
    return new Secrets.PairId(scope, key).toString();
  }

  /** Never planned (replaceOnAnyChange); secrets/put overwrites, which is the correct update. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws Exception {
    Secrets.PairId p = Secrets.PairId.parse(id);
    put(ctx, p.scope(), p.second(), attrs);
  }

  private static void put(ApplyContext ctx, String scope, String key, ObjectNode attrs) throws Exception {
    if (!attrs.hasNonNull("string_value")) {
      throw new IllegalArgumentException("secret " + key + " in scope " + scope + " has no string_value (set its variable)");
    }
    ObjectNode body = TfJson.object().put("scope", scope).put("key", key).put("string_value", attrs.get("string_value").asText());
    io.dbsync.kind.permissions.Rest.post(ctx.client(), "/api/2.0/secrets/put", body);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws Exception {
    Secrets.PairId p = Secrets.PairId.parse(id);
    Secrets.postIgnoringMissing(ctx.client(), "/api/2.0/secrets/delete",
        TfJson.object().put("scope", p.scope()).put("key", p.second()));
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws Exception {
    String id = new Secrets.PairId(attrs.get("scope").asText(), attrs.get("key").asText()).toString();
    return Optional.ofNullable(read(ctx.client(), id)).map(r -> id);
  }
}
