package io.dbsync.assess;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.VariableDecl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values the export does not carry: every databricks_secret's value (a sensitive variable, unless the
 * export runs with --export-secret-values, and then how the values would be read: secrets/get as a
 * workspace admin, else a command on a running cluster), Key Vault scopes (their secrets stay in the
 * vault), and the other sensitive variables without a default.
 */
final class SecretsCheck {
  private static final Pattern VAR = Pattern.compile("\\$\\{var\\.([A-Za-z_][A-Za-z0-9_-]*)}");

  private SecretsCheck() {}

  static Assessment.Secrets check(DesiredConfig desired, WorkspaceClient source, List<String> notes) {
    int secrets = 0;
    int scopes = 0;
    List<String> keyVault = new ArrayList<>();
    Set<String> secretVariables = new HashSet<>();
    for (DesiredResource r : desired.resources()) {
      if (r.type().equals("databricks_secret")) {
        secrets++;
        Matcher m = VAR.matcher(r.attrs().path("string_value").asText());
        if (m.matches()) {
          secretVariables.add(m.group(1));
        }
      } else if (r.type().equals("databricks_secret_scope")) {
        scopes++;
        if (r.attrs().has("keyvault_metadata")) {
          keyVault.add(r.attrs().path("name").asText());
        }
      }
    }
    List<String> other = new ArrayList<>();
    for (VariableDecl v : desired.variables().values()) {
      if (v.sensitive() && v.defaultValue() == null && !secretVariables.contains(v.name())) {
        other.add(v.name());
      }
    }
    other.sort(null);
    keyVault.sort(null);
    String readableBy = secrets == 0 ? "no secrets" : readableBy(source, notes);
    return new Assessment.Secrets(secrets, scopes, readableBy, keyVault, other);
  }

  private static String readableBy(WorkspaceClient source, List<String> notes) {
    try {
      for (JsonNode g : Rest.get(source, "/api/2.0/preview/scim/v2/Me").path("groups")) {
        if ("admins".equals(g.path("display").asText())) {
          return "secrets/get (the source principal is a workspace admin)";
        }
      }
      for (JsonNode c : Rest.get(source, "/api/2.1/clusters/list", "page_size", "100").path("clusters")) {
        if ("RUNNING".equals(c.path("state").asText())) {
          return "a command on a running cluster, e.g. " + c.path("cluster_id").asText()
              + " (the source principal is not a workspace admin; it needs READ on each scope)";
        }
      }
      return "not readable now: the source principal is not a workspace admin and no cluster is running";
    } catch (IOException | RuntimeException e) {
      notes.add("whether secret values could be read was not checked: " + e.getMessage());
      return "not checked";
    }
  }
}
