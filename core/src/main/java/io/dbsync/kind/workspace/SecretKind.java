package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_secret (resource-only: the scope's file holds it). The value is write-only in the
 * API, so string_value is a sensitive variable at export; at refresh the value is unknown and the
 * attribute is left out (the engine keeps the applied value from its state for such attributes).
 */
public final class SecretKind implements Kind {
  public static final String TYPE = "databricks_secret";

  private static final KindInfo INFO = KindInfo.resourceOnly(TYPE, "secret",
      "Secret scopes, secrets (values as variables), secret ACLs");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /**
   * Another scope or key is another secret; a new value is an update in place, since secrets/put
   * overwrites: rotating a value never deletes the secret first (review D20: a failure between a
   * delete and a create left it missing).
   */
  @Override
  public Set<String> forceNew() {
    return Set.of("scope", "key");
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    JsonNode list = Rest.getOrNull(ctx.client(), "/api/2.0/secrets/list", "scope", p.scope());
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
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String scope = attrs.get("scope").asText();
    String key = attrs.get("key").asText();
    put(ctx, scope, key, attrs);
    return new Secrets.PairId(scope, key).toString();
  }

  /** A new value (rotation): secrets/put overwrites in place. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    put(ctx, p.scope(), p.second(), attrs);
  }

  private static void put(ApplyContext ctx, String scope, String key, ObjectNode attrs) throws IOException {
    if (!attrs.hasNonNull("string_value")) {
      throw new IllegalArgumentException("secret " + key + " in scope " + scope + " has no string_value (set its variable)");
    }
    ObjectNode body = TfJson.object().put("scope", scope).put("key", key).put("string_value", attrs.get("string_value").asText());
    Rest.post(ctx.client(), "/api/2.0/secrets/put", body);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    Rest.postTolerantOfGone(ctx.client(), "/api/2.0/secrets/delete",
        TfJson.object().put("scope", p.scope()).put("key", p.second()));
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = new Secrets.PairId(attrs.get("scope").asText(), attrs.get("key").asText()).toString();
    return Optional.ofNullable(read(ctx, id)).map(r -> id);
  }
}
