package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Response;

/**
 * /api/2.1/unity-catalog/volumes (VolumeInfo). volume_type MANAGED (storage under the schema's
 * managed location, storage_location must not be given) or EXTERNAL (storage_location required,
 * inside an external location, overlapping no other table or volume). An unset max_results lists a
 * server-sized page, as the API documents for volumes.
 */
final class VolumesApi {
  private final UcContext ctx;

  VolumesApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.crud("/volumes", req -> SchemaObjects.list(ctx, req, UcType.VOLUME, "volumes", Paging.Unset.SERVER_PAGE),
        new UcRoutes.Crud(ctx::render, this::create, name -> ctx.leaf(UcType.VOLUME, name),
            (name, body) -> SchemaObjects.update(ctx, UcType.VOLUME, name, body),
            (name, force) -> SchemaObjects.delete(ctx, UcType.VOLUME, name)));
  }

  ObjectNode create(JsonNode body) {
    ObjectNode v = SchemaObjects.start(ctx, UcType.VOLUME, body);
    String type = UcContext.required(body, "volume_type");
    String location = Json.text(body, "storage_location");
    String id = ctx.store.uuid();
    switch (type) {
      case "MANAGED" -> {
        if (location != null) {
          throw UcErrors.invalid("storage_location must not be set for a MANAGED volume");
        }
        location = SchemaObjects.managedLocation(ctx, v, "volumes", id);
      }
      case "EXTERNAL" -> {
        StoragePaths.requireCovered(ctx.store, StoragePaths.requireCloudUrl(location, "storage_location"));
        StoragePaths.requireNoDataOverlap(ctx.store, location, null);
      }
      default -> throw UcErrors.invalid("volume_type must be MANAGED or EXTERNAL, got " + type);
    }
    v.put("volume_type", type);
    v.put("volume_id", id);
    v.put("storage_location", location);
    UcContext.copyText(v, body, "comment");
    ctx.stampNew(v, body);
    ctx.store.put(UcType.VOLUME, v.get("full_name").asText(), v);
    return v;
  }
}
