package io.dbsync.emulator.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.auth.Credentials;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OAuth secrets per service principal (keyed by applicationId, the OAuth client id). Values look
 * like real ones ({@code dose} + 32 hex digits); {@code secret_hash} is the value's SHA-256 (the
 * real hash format is not documented).
 */
final class ServicePrincipalSecrets {
  /** Real workspaces default a secret's lifetime to 730 days. */
  static final long DEFAULT_LIFETIME_SECONDS = 63_072_000L;
  /** "Each service principal can have up to five OAuth secrets" (Databricks OAuth M2M docs). */
  static final int MAX_PER_PRINCIPAL = 5;

  record Secret(String id, String value, long createdMillis, long expiresMillis) {
    boolean activeAt(long nowMillis) {
      return nowMillis < expiresMillis;
    }
  }

  private final Map<String, List<Secret>> byClient = new TreeMap<>();

  Secret add(String clientId, String id, String value, long nowMillis, long lifetimeSeconds) {
    Secret s = new Secret(id, value, nowMillis, nowMillis + lifetimeSeconds * 1000);
    byClient.computeIfAbsent(clientId, k -> new ArrayList<>()).add(s);
    return s;
  }

  List<Secret> of(String clientId) {
    return List.copyOf(byClient.getOrDefault(clientId, List.of()));
  }

  boolean remove(String clientId, String id) {
    List<Secret> list = byClient.get(clientId);
    return list != null && list.removeIf(s -> s.id().equals(id));
  }

  /** Whether {@code value} is an unexpired secret of the client. */
  boolean verify(String clientId, String value, long nowMillis) {
    for (Secret s : of(clientId)) {
      if (s.value().equals(value) && s.activeAt(nowMillis)) {
        return true;
      }
    }
    return false;
  }

  Map<String, List<Secret>> all() {
    return byClient;
  }

  /** The SecretInfo shape of list (no value); create adds {@code secret}. */
  static ObjectNode info(Secret s, long nowMillis) {
    ObjectNode o = Json.object();
    o.put("id", s.id());
    o.put("secret_hash", Credentials.tokenId(s.value()));
    o.put("status", s.activeAt(nowMillis) ? "ACTIVE" : "EXPIRED");
    o.put("create_time", utc(s.createdMillis()));
    o.put("update_time", utc(s.createdMillis()));
    o.put("expire_time", utc(s.expiresMillis()));
    return o;
  }

  private static String utc(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
