package io.dbsync.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens this workspace issued and whom each belongs to: personal access tokens
 * (token/create or the seed) and OAuth access tokens (the /oidc/v1/token endpoint). Authentication
 * reads it outside the emulator's handler lock, so it is a concurrent map.
 *
 * <p>A token is identified by the SHA-256 of its value (hex, 64 chars), which is also its
 * {@code token_id} in the Token API.
 */
public final class Credentials {
  public enum Source { PAT, OAUTH }

  /** One issued token; {@code expiresMillis} 0 means it never expires. */
  public record Grant(String token, String tokenId, Principal principal, Source source, long createdMillis,
                      long expiresMillis, String comment) {
    public boolean expiredAt(long nowMillis) {
      return expiresMillis > 0 && nowMillis >= expiresMillis;
    }
  }

  private final Map<String, Grant> byToken = new ConcurrentHashMap<>();
  /** Revoked token values stay known, so that they are refused even where any other token is accepted. */
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  /** Registers a token; {@code lifetimeMillis} <= 0 never expires. */
  public Grant issue(String token, Principal principal, Source source, long nowMillis, long lifetimeMillis,
                     String comment) {
    Grant g = new Grant(token, tokenId(token), principal, source, nowMillis,
        lifetimeMillis > 0 ? nowMillis + lifetimeMillis : 0, comment);
    byToken.put(token, g);
    return g;
  }

  /** The grant of a live token this workspace issued (expired or not), or null when it did not issue it. */
  public Grant lookup(String token) {
    return byToken.get(token);
  }

  /** Whether the workspace issued this token and revoked it since. */
  public boolean isRevoked(String token) {
    return revoked.contains(token);
  }

  /** Personal access tokens of one principal, oldest first. */
  public List<Grant> personalTokensOf(Principal principal) {
    List<Grant> out = new ArrayList<>();
    for (Grant g : byToken.values()) {
      if (g.source() == Source.PAT && g.principal().equals(principal)) {
        out.add(g);
      }
    }
    out.sort(java.util.Comparator.comparingLong(Grant::createdMillis).thenComparing(Grant::tokenId));
    return out;
  }

  /** Revokes one personal access token of {@code owner}; false when it has none with that id. */
  public boolean revoke(String tokenId, Principal owner) {
    for (Grant g : personalTokensOf(owner)) {
      if (g.tokenId().equals(tokenId)) {
        revoked.add(g.token());
        return byToken.remove(g.token()) != null;
      }
    }
    return false;
  }

  /** Every token of a principal stops working (the user or service principal was deleted). */
  public void revokeAll(String principalName) {
    for (Grant g : byToken.values()) {
      if (g.principal().name().equalsIgnoreCase(principalName)) {
        revoked.add(g.token());
        byToken.remove(g.token());
      }
    }
  }

  /** Every personal access token, for the state dump. */
  public List<Grant> personalTokens() {
    List<Grant> out = new ArrayList<>();
    byToken.values().stream().filter(g -> g.source() == Source.PAT).forEach(out::add);
    out.sort(java.util.Comparator.comparing((Grant g) -> g.principal().name()).thenComparingLong(Grant::createdMillis)
        .thenComparing(Grant::tokenId));
    return out;
  }

  public static String tokenId(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
