package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.UrlCredentials;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mapping between a mount's source URL and the databricks_mount storage blocks, both ways, with the
 * extra configs the Terraform provider builds for each block (storage/*_mount.go). A listing shows only
 * mount point and source, so what the source does not carry (client and tenant ids, the secret scope and
 * key holding the credential, the blob auth type) becomes an import-time variable; secret values are
 * never read nor written, the mount refers to them as {{secrets/scope/key}} like the provider does.
 */
final class MountSources {
  private static final Pattern S3 = Pattern.compile("^s3[an]?://([^/]+)/?$");
  private static final Pattern GS = Pattern.compile("^gs://([^/]+)/?$");
  private static final Pattern ADL = Pattern.compile("^adl://([^./]+)\\.azuredatalakestore\\.net(/.*)?$");
  private static final Pattern ABFS = Pattern.compile("^abfss?://([^@/]+)@([^./]+)\\.dfs\\.core\\.windows\\.net(/.*)?$");
  private static final Pattern WASB = Pattern.compile("^wasbs?://([^@/]+)@([^./]+)\\.blob\\.core\\.windows\\.net(/.*)?$");

  private MountSources() {}

  /** Sets the storage block (or uri) for {@code source} on {@code out}. */
  static void toBlock(String name, String source, Rendering rendering, ObjectNode out) {
    String v = "mount_" + Names.safe(name) + "_";
    Matcher m;
    if (!UrlCredentials.find(source).isEmpty()) {
      // keys in the URL ("s3a://KEY:SECRET@bucket", a SAS query): kept whole as uri, whose
      // credentials the exporter turns into a sensitive variable; no storage block could hold them
      out.put("uri", source);
    } else if ((m = S3.matcher(source)).matches()) {
      out.putObject("s3").put("bucket_name", m.group(1));
    } else if ((m = GS.matcher(source)).matches()) {
      out.putObject("gs").put("bucket_name", m.group(1));
    } else if ((m = ADL.matcher(source)).matches()) {
      ObjectNode b = out.putObject("adl");
      b.put("storage_resource_name", m.group(1));
      directory(b, m.group(2));
      oauth(b, v, name, rendering);
    } else if ((m = ABFS.matcher(source)).matches()) {
      ObjectNode b = out.putObject("abfs");
      b.put("container_name", m.group(1));
      b.put("storage_account_name", m.group(2));
      directory(b, m.group(3));
      oauth(b, v, name, rendering);
      // the container exists (the source workspace mounts it): never create it at import
      b.put("initialize_file_system", false);
    } else if ((m = WASB.matcher(source)).matches()) {
      ObjectNode b = out.putObject("wasb");
      b.put("container_name", m.group(1));
      b.put("storage_account_name", m.group(2));
      directory(b, m.group(3));
      b.put("auth_type", rendering.variable(v + "auth_type",
          "Auth type of mount /mnt/" + name + ": SAS or ACCESS_KEY", false, null));
      b.put("token_secret_scope", rendering.variable(v + "token_secret_scope",
          "Secret scope holding the SAS token or access key of mount /mnt/" + name, false, null));
      b.put("token_secret_key", rendering.variable(v + "token_secret_key",
          "Secret key holding the SAS token or access key of mount /mnt/" + name, false, null));
    } else {
      out.put("uri", source);
    }
  }

  private static void oauth(ObjectNode b, String v, String name, Rendering rendering) {
    b.put("client_id", rendering.variable(v + "client_id",
        "Application (client) id of the service principal of mount /mnt/" + name, false, null));
    b.put("tenant_id", rendering.variable(v + "tenant_id", "Azure AD tenant id for mount /mnt/" + name, false, null));
    b.put("client_secret_scope", rendering.variable(v + "client_secret_scope",
        "Secret scope holding the service principal secret of mount /mnt/" + name, false, null));
    b.put("client_secret_key", rendering.variable(v + "client_secret_key",
        "Secret key holding the service principal secret of mount /mnt/" + name, false, null));
  }

  private static void directory(ObjectNode b, String dir) {
    if (dir != null && !dir.equals("/")) {
      b.put("directory", dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir);
    }
  }

  /** Source URL and extra configs (secrets as {{secrets/scope/key}}) of resolved attributes. */
  record Spec(String source, Map<String, String> configs) {}

  static Spec fromAttrs(JsonNode attrs) {
    Map<String, String> cfg = new TreeMap<>();
    if (attrs.hasNonNull("s3")) {
      return new Spec("s3a://" + required(attrs.get("s3"), "bucket_name"), cfg);
    }
    if (attrs.hasNonNull("gs")) {
      return new Spec("gs://" + required(attrs.get("gs"), "bucket_name"), cfg);
    }
    if (attrs.hasNonNull("adl")) {
      JsonNode b = attrs.get("adl");
      String prefix = b.hasNonNull("spark_conf_prefix") ? b.get("spark_conf_prefix").asText() : "fs.adl";
      cfg.put(prefix + ".oauth2.access.token.provider.type", "ClientCredential");
      cfg.put(prefix + ".oauth2.client.id", required(b, "client_id"));
      cfg.put(prefix + ".oauth2.credential", secret(b, "client_secret_scope", "client_secret_key"));
      cfg.put(prefix + ".oauth2.refresh.url", tokenEndpoint(b));
      return new Spec("adl://" + required(b, "storage_resource_name") + ".azuredatalakestore.net" + dir(b), cfg);
    }
    if (attrs.hasNonNull("abfs")) {
      JsonNode b = attrs.get("abfs");
      cfg.put("fs.azure.account.auth.type", "OAuth");
      cfg.put("fs.azure.account.oauth.provider.type", "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider");
      cfg.put("fs.azure.account.oauth2.client.id", required(b, "client_id"));
      cfg.put("fs.azure.account.oauth2.client.secret", secret(b, "client_secret_scope", "client_secret_key"));
      cfg.put("fs.azure.account.oauth2.client.endpoint", tokenEndpoint(b));
      cfg.put("fs.azure.createRemoteFileSystemDuringInitialization",
          Boolean.toString(b.path("initialize_file_system").asBoolean(false)));
      return new Spec("abfss://" + required(b, "container_name") + "@" + required(b, "storage_account_name")
          + ".dfs.core.windows.net" + dir(b), cfg);
    }
    if (attrs.hasNonNull("wasb")) {
      JsonNode b = attrs.get("wasb");
      String container = required(b, "container_name");
      String account = required(b, "storage_account_name");
      String auth = required(b, "auth_type");
      String key = switch (auth) {
        case "SAS" -> "fs.azure.sas." + container + "." + account + ".blob.core.windows.net";
        case "ACCESS_KEY" -> "fs.azure.account.key." + account + ".blob.core.windows.net";
        default -> throw new IllegalArgumentException("wasb.auth_type must be SAS or ACCESS_KEY, got " + auth);
      };
      cfg.put(key, secret(b, "token_secret_scope", "token_secret_key"));
      return new Spec("wasbs://" + container + "@" + account + ".blob.core.windows.net" + dir(b), cfg);
    }
    if (attrs.hasNonNull("uri")) {
      attrs.path("extra_configs").properties().forEach(e -> cfg.put(e.getKey(), e.getValue().asText()));
      return new Spec(attrs.get("uri").asText(), cfg);
    }
    throw new IllegalArgumentException("databricks_mount needs one of s3, gs, adl, abfs, wasb or uri");
  }

  private static String tokenEndpoint(JsonNode b) {
    return "https://login.microsoftonline.com/" + required(b, "tenant_id") + "/oauth2/token";
  }

  private static String secret(JsonNode b, String scope, String key) {
    return "{{secrets/" + required(b, scope) + "/" + required(b, key) + "}}";
  }

  private static String dir(JsonNode b) {
    String d = b.hasNonNull("directory") ? b.get("directory").asText() : "";
    if (!d.isEmpty() && !d.startsWith("/")) {
      throw new IllegalArgumentException("directory must start with /, got: " + d);
    }
    return d;
  }

  private static String required(JsonNode block, String field) {
    JsonNode v = block.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      throw new IllegalArgumentException("databricks_mount: missing " + field + " (set the variable that supplies it)");
    }
    return v.asText();
  }

  /** The extra configs as the Python dict literal the provider sends: secrets via dbutils.secrets.get. */
  static String pythonDict(Map<String, String> configs) throws IOException {
    String json = TfJson.MAPPER.writeValueAsString(configs);
    return json.replaceAll("\"\\{\\{secrets/([^/]+)/([^}]+)}}\"", "dbutils.secrets.get(\"$1\", \"$2\")")
        .replaceAll("\"\\{\\{sparkconf/([^}]+)}}\"", "spark.conf.get(\"$1\")");
  }
}
