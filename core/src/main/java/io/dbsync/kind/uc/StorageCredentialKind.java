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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * databricks_storage_credential: the cloud identity Unity Catalog reaches storage with. The identity
 * (IAM role ARN, Azure access connector and managed identity, service principal ids, Cloudflare
 * account) is a variable defaulting to the source's value, so an import into another region or cloud
 * overrides it; secrets (client_secret, secret_access_key) are never readable and become sensitive
 * variables. A Databricks-managed GCP service account is created anew in the target (its email is an
 * output). Created with skip_validation, since the identity may trust the new metastore only later.
 */
public final class StorageCredentialKind extends UcKind {
  public static final String TYPE = "databricks_storage_credential";
  private static final KindInfo INFO = KindInfo.exported(TYPE, CONFIG_KEY, DIR_CREDENTIALS,
      "Unity Catalog storage credentials (cloud identities as variables)");
  /** Identity block -> its input fields, in order. */
  private static final Map<String, List<String>> IDENTITIES = Map.of(
      "aws_iam_role", List.of("role_arn"),
      "azure_managed_identity", List.of("access_connector_id", "managed_identity_id"),
      "azure_service_principal", List.of("directory_id", "application_id"),
      "databricks_gcp_service_account", List.of(),
      "cloudflare_api_token", List.of("account_id", "access_key_id"));
  /** Write-only secret of an identity block. */
  private static final Map<String, String> SECRETS = Map.of(
      "azure_service_principal", "client_secret",
      "cloudflare_api_token", "secret_access_key");

  public StorageCredentialKind() {
    super(INFO, Securable.STORAGE_CREDENTIAL, "storage-credentials", false,
        Set.of("name"));
  }

  /** The secrets of the identity blocks: never returned by the API. */
  @Override
  public Set<String> writeOnly() {
    Set<String> out = new TreeSet<>();
    SECRETS.forEach((block, field) -> out.add(block + "." + field));
    return out;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    return listed(ctx, scope -> scope.metastoreObjects(collection(), "storage_credentials"));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    out.put("name", raw.path("name").asText());
    text(out, raw, "comment");
    flag(out, raw, "read_only");
    text(out, raw, "owner");
    if (WorkspaceBindingKind.isolated(raw)) {
      out.put("isolation_mode", raw.get("isolation_mode").asText());
    }
    IDENTITIES.forEach((block, fields) -> {
      JsonNode b = raw.get(block);
      if (b != null && b.isObject()) {
        ObjectNode o = out.putObject(block);
        fields.forEach(f -> text(o, b, f));
      }
    });
    return out;
  }

  /** Identity fields as variables with the source's values, secrets as sensitive variables. */
  @Override
  void exportOnly(ExportContext ctx, JsonNode raw, ObjectNode attrs) {
    String prefix = "uc_credential_" + Names.safe(raw.path("name").asText()) + "_";
    Rendering r = ctx.rendering();
    for (Map.Entry<String, List<String>> e : IDENTITIES.entrySet()) {
      if (!(attrs.get(e.getKey()) instanceof ObjectNode block)) {
        continue;
      }
      for (String f : e.getValue()) {
        if (block.hasNonNull(f)) {
          block.put(f, r.variableWithDefault(prefix + f, "Storage credential " + raw.path("name").asText() + ": "
              + e.getKey() + "." + f + " (the source's value by default; override for another region or cloud)",
              block.get(f).asText()));
        }
      }
      String secret = SECRETS.get(e.getKey());
      if (secret != null) {
        block.put(secret, r.variable(prefix + secret, "Storage credential " + raw.path("name").asText() + ": "
            + e.getKey() + "." + secret + " (cannot be exported)", true, null));
      }
    }
  }

  private static ObjectNode writable(JsonNode attrs) {
    ObjectNode b = body(attrs, "comment", "read_only");
    for (String block : IDENTITIES.keySet()) {
      if (attrs.has(block)) {
        b.set(block, attrs.get(block).isObject() ? attrs.get(block).deepCopy() : TfJson.object());
      }
    }
    b.put("skip_validation", true);
    return b;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return create(ctx, attrs, writable(attrs).put("name", attrs.path("name").asText()));
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    update(ctx, id, attrs, prior, writable(attrs).put("read_only", attrs.path("read_only").asBoolean(false)),
        "ISOLATION_MODE_OPEN");
  }
}
