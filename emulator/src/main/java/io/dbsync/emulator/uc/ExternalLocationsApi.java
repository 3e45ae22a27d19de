package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Response;

import java.util.List;

/**
 * /api/2.1/unity-catalog/external-locations (ExternalLocationInfo). The credential must exist
 * (STORAGE_CREDENTIAL_DOES_NOT_EXIST) and the url may not overlap another external location.
 * skip_validation is accepted (the emulator validates no cloud access either way). Delete refuses a
 * location that managed storage roots, external tables or volumes lie in, unless force=true.
 */
final class ExternalLocationsApi {
  private final UcContext ctx;

  ExternalLocationsApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.crud("/external-locations", req -> MetastoreObjects.list(ctx, req, UcType.EXTERNAL_LOCATION,
        "external_locations", ctx::render), new UcRoutes.Crud(ctx::render, this::create, this::get, this::update,
        this::delete));
  }

  ObjectNode create(JsonNode body) {
    ObjectNode l = MetastoreObjects.start(ctx, UcType.EXTERNAL_LOCATION, body);
    String url = StoragePaths.requireCloudUrl(Json.text(body, "url"), "url");
    StoragePaths.requireNoLocationOverlap(ctx.store, url, null);
    l.put("url", url);
    setCredential(l, UcContext.required(body, "credential_name"));
    UcContext.copyText(l, body, "comment");
    l.put("read_only", body.path("read_only").asBoolean(false));
    l.put("fallback", body.path("fallback").asBoolean(false));
    for (String f : List.of("enable_file_events", "file_event_queue", "encryption_details")) {
      if (body.hasNonNull(f)) {
        l.set(f, Json.copy(body.get(f)));
      }
    }
    l.put("isolation_mode", "ISOLATION_MODE_OPEN");
    l.put("browse_only", false);
    ctx.stampNew(l, body);
    ctx.store.put(UcType.EXTERNAL_LOCATION, l.get("name").asText(), l);
    return l;
  }

  private void setCredential(ObjectNode location, String credentialName) {
    ObjectNode c = ctx.accessible(UcType.STORAGE_CREDENTIAL, UcContext.key(credentialName));
    location.put("credential_name", c.get("name").asText());
    location.put("credential_id", c.get("id").asText());
  }

  private ObjectNode get(String name) {
    return ctx.accessible(UcType.EXTERNAL_LOCATION, UcContext.key(name));
  }

  private ObjectNode update(String name, JsonNode body) {
    ObjectNode l = get(name);
    String url = Json.text(body, "url");
    if (url != null) {
      StoragePaths.requireNoLocationOverlap(ctx.store, StoragePaths.requireCloudUrl(url, "url"), l.get("name").asText());
      l.put("url", url.strip());
    }
    if (body.hasNonNull("credential_name")) {
      setCredential(l, body.get("credential_name").asText());
    }
    MetastoreObjects.update(ctx, l, body, "comment", "read_only", "fallback", "enable_file_events", "file_event_queue",
        "encryption_details");
    MetastoreObjects.rename(ctx, UcType.EXTERNAL_LOCATION, l, body, null, null);
    ctx.touch(l);
    return l;
  }

  private void delete(String nameParam, boolean force) {
    ObjectNode l = get(nameParam);
    List<String> users = StoragePaths.dependents(ctx.store, l.get("url").asText());
    if (!users.isEmpty() && !force) {
      throw UcErrors.invalid("External location '" + l.get("name").asText() + "' cannot be deleted because it is used by "
          + String.join(", ", users) + ". Use force to delete it anyway.");
    }
    ctx.store.remove(UcType.EXTERNAL_LOCATION, l.get("name").asText());
  }
}
