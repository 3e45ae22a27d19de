package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Response;

import java.util.List;

/**
 * /api/2.1/unity-catalog/storage-credentials (StorageCredentialInfo). Exactly one of aws_iam_role
 * {role_arn}, azure_managed_identity {access_connector_id, managed_identity_id?},
 * azure_service_principal {directory_id, application_id, client_secret},
 * databricks_gcp_service_account {} or cloudflare_api_token {account_id, access_key_id,
 * secret_access_key}. The server fills external_id / unity_catalog_iam_arn, credential_id and the
 * GCP service account email; client_secret and secret_access_key are write-only (never returned).
 * Delete refuses a credential external locations use, unless force=true.
 */
final class StorageCredentialsApi {
  private static final List<String> KINDS = List.of("aws_iam_role", "azure_managed_identity", "azure_service_principal",
      "databricks_gcp_service_account", "cloudflare_api_token");
  /** Illustrative account of the Unity Catalog master role (the real one differs per deployment). */
  private static final String UC_MASTER_ROLE = "arn:aws:iam::000000000000:role/unity-catalog-emulator-UCMasterRole";

  private final UcContext ctx;

  StorageCredentialsApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.crud("/storage-credentials", req -> MetastoreObjects.list(ctx, req, UcType.STORAGE_CREDENTIAL,
        "storage_credentials", this::render), new UcRoutes.Crud(this::render, this::create, this::get, this::update,
        this::delete));
  }

  ObjectNode create(JsonNode body) {
    ObjectNode c = MetastoreObjects.start(ctx, UcType.STORAGE_CREDENTIAL, body);
    c.put("id", ctx.store.uuid());
    String kind = kindOf(body, true);
    c.set(kind, credential(kind, body.get(kind)));
    UcContext.copyText(c, body, "comment");
    c.put("read_only", body.path("read_only").asBoolean(false));
    c.put("isolation_mode", "ISOLATION_MODE_OPEN");
    c.put("used_for_managed_storage", false);
    ctx.stampNew(c, body);
    ctx.store.put(UcType.STORAGE_CREDENTIAL, c.get("name").asText(), c);
    return c;
  }

  /** The one credential block of a body; create requires one, update allows none. */
  private static String kindOf(JsonNode body, boolean required) {
    List<String> given = KINDS.stream().filter(body::hasNonNull).toList();
    if (given.size() > 1 || (required && given.isEmpty())) {
      throw UcErrors.invalid("Exactly one of " + String.join(", ", KINDS) + " must be specified, got " + given);
    }
    return given.isEmpty() ? null : given.get(0);
  }

  /** The stored block: the request fields plus what the server generates. */
  private ObjectNode credential(String kind, JsonNode req) {
    ObjectNode b = Json.copy(req.isObject() ? (ObjectNode) req : Json.object());
    switch (kind) {
      case "aws_iam_role" -> {
        UcContext.required(b, "role_arn");
        b.put("external_id", ctx.store.uuid());
        b.put("unity_catalog_iam_arn", UC_MASTER_ROLE);
      }
      case "azure_managed_identity" -> {
        UcContext.required(b, "access_connector_id");
        b.put("credential_id", ctx.store.uuid());
      }
      case "azure_service_principal" -> {
        UcContext.required(b, "directory_id");
        UcContext.required(b, "application_id");
        UcContext.required(b, "client_secret");
      }
      case "databricks_gcp_service_account" -> {
        b.removeAll();
        b.put("email", "db-uc-storage-" + ctx.store.hex(12) + "@uc-emulator.iam.gserviceaccount.com");
        b.put("credential_id", ctx.store.uuid());
      }
      default -> {
        UcContext.required(b, "account_id");
        UcContext.required(b, "access_key_id");
        UcContext.required(b, "secret_access_key");
      }
    }
    return b;
  }

  ObjectNode render(ObjectNode stored) {
    ObjectNode out = ctx.render(stored);
    if (out.get("azure_service_principal") instanceof ObjectNode sp) {
      sp.remove("client_secret");
    }
    if (out.get("cloudflare_api_token") instanceof ObjectNode cf) {
      cf.remove("secret_access_key");
    }
    return out;
  }

  private ObjectNode get(String name) {
    return ctx.accessible(UcType.STORAGE_CREDENTIAL, UcContext.key(name));
  }

  private ObjectNode update(String name, JsonNode body) {
    ObjectNode c = get(name);
    String kind = kindOf(body, false);
    if (kind != null) {
      KINDS.forEach(c::remove);
      c.set(kind, credential(kind, body.get(kind)));
    }
    MetastoreObjects.update(ctx, c, body, "comment", "read_only");
    MetastoreObjects.rename(ctx, UcType.STORAGE_CREDENTIAL, c, body, UcType.EXTERNAL_LOCATION, "credential_name");
    ctx.touch(c);
    return c;
  }

  private void delete(String nameParam, boolean force) {
    String name = UcContext.key(nameParam);
    get(name);
    List<String> users = ctx.store.all(UcType.EXTERNAL_LOCATION).stream()
        .filter(l -> name.equals(Json.text(l, "credential_name"))).map(l -> l.get("name").asText()).toList();
    if (!users.isEmpty() && !force) {
      throw UcErrors.invalid("Storage credential '" + name + "' cannot be deleted because it is used by external "
          + "location(s) " + String.join(", ", users) + ". Use force to delete it anyway.");
    }
    ctx.store.remove(UcType.STORAGE_CREDENTIAL, name);
  }
}
