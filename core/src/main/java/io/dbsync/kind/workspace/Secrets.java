package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.tf.Names;

import java.io.IOException;

/** Secrets 2.0: the scope lookup and the "<scope>|||<key>" ids the provider uses for secrets and ACLs. */
final class Secrets {
  static final String SEPARATOR = "|||";

  private Secrets() {}

  record PairId(String scope, String second) {
    static PairId parse(String id) {
      int i = id.indexOf(SEPARATOR);
      if (i <= 0 || i + SEPARATOR.length() >= id.length()) {
        throw new IllegalArgumentException("not a <scope>|||<name> id: " + id);
      }
      return new PairId(id.substring(0, i), id.substring(i + SEPARATOR.length()));
    }

    @Override
    public String toString() {
      return scope + SEPARATOR + second;
    }
  }

  /** Resource (and variable) name of a scope child: always hashed, so "a_b"/"c" and "a"/"b_c" differ. */
  static String childName(String scope, String second) {
    return Names.safe(scope + "/" + second);
  }

  /** The scope as scopes/list returns it, or null. */
  static JsonNode scope(WorkspaceClient client, String name) throws IOException {
    for (JsonNode s : Rest.get(client, "/api/2.0/secrets/scopes/list").path("scopes")) {
      if (name.equals(s.path("name").asText())) {
        return s;
      }
    }
    return null;
  }
}
