package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.TargetChild;
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

  /** The API lists keys, never values. */
  @Override
  public Set<String> writeOnly() {
    return Set.of("string_value");
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

  /** The secret as its scope's listing (one per scope and run, {@link SecretListings}) shows it. */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    return Secrets.find(SecretListings.of(ctx).secrets(ctx.client(), p.scope()), p.scope(), "key", p.second());
  }

  /** A secret found in the target (listing item plus "scope"), as a mirrored child of its scope. */
  static TargetChild child(ObjectNode raw, Rendering rendering) throws IOException {
    return Secrets.child(new SecretKind(), raw, "key", rendering);
  }

  @Override
  public Optional<String> naturalId(ObjectNode attrs) {
    return Secrets.pairIdOf(attrs, "key");
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
    SecretListings.of(ctx).changed(scope);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Secrets.PairId p = Secrets.PairId.parse(id);
    Rest.postTolerantOfGone(ctx.client(), "/api/2.0/secrets/delete",
        TfJson.object().put("scope", p.scope()).put("key", p.second()));
    SecretListings.of(ctx).changed(p.scope());
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = new Secrets.PairId(attrs.get("scope").asText(), attrs.get("key").asText()).toString();
    return Optional.ofNullable(read(ctx, id)).map(r -> id);
  }
}
