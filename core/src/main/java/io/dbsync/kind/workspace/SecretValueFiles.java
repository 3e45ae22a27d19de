package io.dbsync.kind.workspace;

import com.databricks.sdk.core.DatabricksError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.crypto.PgpArmor;
import io.dbsync.crypto.PgpDecryptionKey;
import io.dbsync.crypto.PgpRecipient;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.admin.ClusterCommands;
import io.dbsync.tf.Templates;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.RevisionFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Secret values, never in plaintext on disk: with export --export-secret-values --encrypt-to KEY, each
 * scope's values go to exports/secret_scope/values/&lt;scope&gt;.json.asc, an armored OpenPGP message to
 * that key whose plaintext ({@code gpg -d FILE}) is {@code {"scope": ..., "secrets": [{"key", "variable",
 * "value"}]}}; import --decrypt-with reads them back in memory as the values of the secrets' variables.
 *
 * <p>Values are read with secrets/get as a workspace admin; where the workspace refuses (400/403: not an
 * admin), by {@link SecretValuesCommand} on a running cluster (objects.secret.cluster_id, else the
 * first RUNNING one), which returns ciphertext only. Encryption is randomized, so to keep two exports
 * of an unchanged workspace byte-identical the file carries, in an armor comment, a digest of what it
 * stands for (recipient fingerprint, scope, keys, variables and the secrets' last_updated_timestamp,
 * never a value): while that digest is unchanged the previous file is kept as it is and no value is
 * read again.
 */
public final class SecretValueFiles {
  static final String FOLDER = "values";
  static final String SUFFIX = ".json.asc";
  private static final String CONFIG_SUFFIX = ".tf.json";
  private static final String VERSIONS = "databricks-sync-versions ";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{var\\.([A-Za-z_][A-Za-z0-9_-]*)}");

  /** A secret of the scope: its key, when it was last written (null if the listing does not say) and its variable. */
  record Secret(String key, Long lastUpdated, String variable) {
    /** The secret as listed, with the variable its exported string_value names (null if none). */
    static Secret of(JsonNode listed, JsonNode attrs) {
      // the rendering marks the variable expression; as file text it reads "${var.NAME}"
      java.util.regex.Matcher m = VARIABLE.matcher(Templates.render(attrs.path("string_value").asText()));
      JsonNode ts = listed.get("last_updated_timestamp");
      return new Secret(listed.path("key").asText(), ts != null && ts.canConvertToLong() ? ts.asLong() : null,
          m.matches() ? m.group(1) : null);
    }
  }

  private SecretValueFiles() {}

  /** exports/&lt;directory&gt;/values/&lt;name&gt;.json.asc relative to the kind's folder. */
  static String relativePath(String resourceName) {
    return FOLDER + "/" + resourceName + SUFFIX;
  }

  /**
   * Writes the encrypted values of a scope when the export has a recipient. A scope whose values
   * cannot be read keeps the file of the previous export, if any, and gets a warning.
   */
  static void export(ExportContext ctx, String scope, String resourceName, List<Secret> listed) throws IOException {
    Optional<PgpRecipient> recipient = ctx.secretValuesRecipient();
    List<Secret> secrets = listed.stream().filter(s -> s.variable() != null).toList();
    if (recipient.isEmpty() || secrets.isEmpty()) {
      return;
    }
    String rel = relativePath(resourceName);
    String versions = versions(recipient.get(), scope, secrets);
    Optional<byte[]> previous = ctx.previousFile(rel);
    if (versions != null && previous.isPresent() && PgpArmor.comments(previous.get()).contains(VERSIONS + versions)) {
      ctx.writeFile(rel, previous.get());
      return;
    }
    byte[] message;
    try {
      message = read(ctx, scope, secrets, recipient.get());
    } catch (IOException | RuntimeException e) {
      String why = "values of secret scope " + scope + " not exported (" + oneLine(e) + ")";
      if (previous.isPresent()) {
        ctx.writeFile(rel, previous.get());
        ctx.warn(why + "; the previous export's encrypted values are kept");
      } else {
        ctx.warn(why + "; supply them as variables at import");
      }
      return;
    }
    List<String> comments = new ArrayList<>();
    comments.add("databricks-sync secret values of scope " + scope + " (gpg -d)");
    if (versions != null) {
      comments.add(VERSIONS + versions);
    }
    ctx.writeFile(rel, PgpArmor.armor(message, comments));
  }

  /** The binary message: values read through the API and encrypted here, or encrypted on a cluster. */
  private static byte[] read(ExportContext ctx, String scope, List<Secret> secrets, PgpRecipient recipient)
      throws IOException {
    ObjectNode document = TfJson.object().put("scope", scope);
    ArrayNode items = document.putArray("secrets");
    for (Secret s : secrets) {
      JsonNode got;
      try {
        got = Rest.getSecretOrNull(ctx.client(), "/api/2.0/secrets/get", "scope", scope, "key", s.key());
      } catch (IOException | RuntimeException e) {
        if (refusedToNonAdmins(e)) {
          return onCluster(ctx, scope, secrets, recipient);
        }
        throw e;
      }
      if (got == null) {
        continue; // deleted since the listing
      }
      String value = utf8(Base64.getDecoder().decode(got.path("value").asText()));
      if (value == null) {
        ctx.warn("secret " + s.key() + " of scope " + scope + " holds bytes that are not UTF-8 text: its value is "
            + "not exported (databricks_secret takes string_value only)");
        continue;
      }
      items.addObject().put("key", s.key()).put("variable", s.variable()).put("value", value);
    }
    return recipient.encrypt(TfJson.writeBytes(document));
  }

  /** secrets/get answers non-admins 400 BAD_REQUEST (403 PERMISSION_DENIED without READ). */
  private static boolean refusedToNonAdmins(Throwable e) {
    DatabricksError error = Rest.error(e);
    return error != null && (error.getStatusCode() == 400 || error.getStatusCode() == 403);
  }

  private static byte[] onCluster(ExportContext ctx, String scope, List<Secret> secrets, PgpRecipient recipient)
      throws IOException {
    List<String> configured = ctx.settings().strings("cluster_id");
    String cluster = ClusterCommands.cluster(ctx.client(), configured.isEmpty() ? null : configured.get(0),
        "objects.secret.cluster_id (secrets/get gives values to workspace admins only)");
    String output = ClusterCommands.python(ctx.client(), cluster,
        SecretValuesCommand.script(scope, secrets, recipient.armoredPublicKey())).strip();
    byte[] message = output.getBytes(StandardCharsets.US_ASCII);
    if (!recipient.isRecipientOf(message)) {
      throw new IOException("the command on cluster " + cluster + " did not return a message encrypted to the key");
    }
    return PgpArmor.dearmor(message);
  }

  /** Digest of what the file stands for, or null when a secret's last write time is unknown. */
  private static String versions(PgpRecipient recipient, String scope, List<Secret> secrets) throws IOException {
    ObjectNode doc = TfJson.object().put("recipient", recipient.fingerprint()).put("scope", scope);
    ArrayNode items = doc.putArray("secrets");
    for (Secret s : secrets) {
      if (s.lastUpdated() == null) {
        return null;
      }
      items.addObject().put("key", s.key()).put("variable", s.variable()).put("last_updated_timestamp", s.lastUpdated());
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TfJson.writeBytes(doc)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String oneLine(Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  /**
   * The secret values of a revision, decrypted in memory: variable name -> value, from the
   * secret_scope/values/&lt;name&gt;.json.asc of every exported scope secret_scope/&lt;name&gt;.tf.json (none:
   * empty). Read through {@link RevisionFiles}, so a link or a path leaving the tree is refused; nothing
   * is written anywhere.
   */
  public static Map<String, String> decrypt(RevisionFiles files, PgpDecryptionKey key) throws IOException {
    Map<String, String> values = new TreeMap<>();
    String folder = SecretScopeKind.DIRECTORY + "/";
    for (String config : files.configFiles()) {
      // each exported scope's values sit beside its file: secret_scope/values/<name>.json.asc
      if (!config.startsWith(folder) || !config.endsWith(CONFIG_SUFFIX) || config.indexOf('/', folder.length()) >= 0) {
        continue;
      }
      String path = folder + relativePath(config.substring(folder.length(), config.length() - CONFIG_SUFFIX.length()));
      if (!files.isFile(path)) {
        continue;
      }
      JsonNode doc;
      try (InputStream in = files.open(path)) {
        doc = TfJson.MAPPER.readTree(key.decrypt(in.readAllBytes()));
      } catch (IOException e) {
        throw new IOException(path + ": " + e.getMessage(), e);
      }
      for (JsonNode s : doc.path("secrets")) {
        String variable = s.path("variable").asText();
        if (VARIABLE.matcher("${var." + variable + "}").matches() && s.path("value").isTextual()) {
          values.put(variable, s.get("value").asText());
        }
      }
    }
    return values;
  }

  /**
   * The environment with decrypted values as TF_VAR_&lt;variable&gt; where the environment has none:
   * TF_VAR_* set by the user (and variable files, --var) still override what the export holds.
   */
  public static Map<String, String> underEnvironment(Map<String, String> values, Map<String, String> env) {
    Map<String, String> out = new TreeMap<>(env);
    values.forEach((name, value) -> out.putIfAbsent("TF_VAR_" + name, value));
    return out;
  }
}
