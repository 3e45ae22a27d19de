package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.ListedById;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunListings;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_instance_pool. Only name, capacity, idle settings and tags can be edited; everything
 * about the instances themselves (node type, disks, cloud attributes, preloaded images) is fixed at
 * creation and forces a replace.
 */
public final class InstancePoolKind implements Kind {
  /** The run's listing of the target's instance pools ({@link RunListings}): adoption reads it once, not once per object. */
  private static final String LISTING = "InstancePoolKind";
  /** The same listing by id for refreshes ({@link ListedById}): it gives each object as instance-pools/get does. */
  private static final String BY_ID = "InstancePoolKind by id";
  static final String BASE = "/api/2.0/instance-pools";
  private static final String[] PLAIN = {"instance_pool_name", "idle_instance_autotermination_minutes",
      "node_type_id", "min_idle_instances", "max_capacity", "custom_tags", "enable_elastic_disk",
      "preloaded_spark_versions", "disk_spec", "azure_attributes", "gcp_attributes",
      "instance_pool_fleet_attributes", "node_type_flexibility"};
  /** What instance-pools/edit accepts (api-reference §3.3). */
  private static final String[] EDITABLE = {"instance_pool_name", "node_type_id", "min_idle_instances",
      "max_capacity", "idle_instance_autotermination_minutes", "custom_tags"};

  private static final KindInfo INFO = KindInfo.exported("databricks_instance_pool", "instance_pool", "instance_pool",
      "Instance pools");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("node_type_id", "enable_elastic_disk", "preloaded_spark_versions", "preloaded_docker_image",
        "disk_spec", "aws_attributes", "azure_attributes", "gcp_attributes", "instance_pool_fleet_attributes",
        "node_type_flexibility");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode p : listAll(ctx.client())) {
      String name = Attrs.text(p, "instance_pool_name");
      if (sel.selects(name, p)) {
        out.add(new SourceObject(Attrs.text(p, "instance_pool_id"), Names.safe(name), p));
      }
    }
    return out;
  }

  static List<JsonNode> listAll(WorkspaceClient client) throws IOException {
    JsonNode pools = Rest.get(client, BASE + "/list", Map.of()).get("instance_pools");
    List<JsonNode> out = new ArrayList<>();
    if (pools != null) {
      for (JsonNode p : pools) {
        if (!"DELETED".equals(Attrs.text(p, "state"))) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** The pool's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "instance-pools", obj.id(), "instance_pool_id",
        ctx.rendering().ref(INFO.type(), obj.id(), "id"), "instance_pool_" + obj.name());
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode p = Rest.getOrNull(ctx.client(), BASE + "/get", Map.of("instance_pool_id", id));
    return p == null || "DELETED".equals(Attrs.text(p, "state")) ? null : p;
  }

  /** From the run's listing ({@link ListedById}); an object it lacks or this run wrote is read on its own. */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    return ListedById.of(ctx).refresh(ctx, this, BY_ID, id, () -> ListedById.byId(listAll(ctx.client()), "instance_pool_id"));
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, PLAIN);
    Attrs.rename(raw, "preloaded_docker_images", out, "preloaded_docker_image");
    JsonNode aws = raw.get("aws_attributes");
    if (aws != null && aws.isObject()) {
      ObjectNode a = aws.deepCopy();
      String arn = Attrs.text(a, "instance_profile_arn");
      if (arn != null) {
        a.put("instance_profile_arn", rendering.ref("databricks_instance_profile", arn, "id"));
      }
      out.set("aws_attributes", a);
    }
    if (out.get("preloaded_docker_image") instanceof ArrayNode images) {
      out.set("preloaded_docker_image", Attrs.sortedArray(images));
    }
    return TfJson.prune(out);
  }

  private static ObjectNode toApi(ObjectNode attrs) {
    ObjectNode body = Attrs.without(attrs, "preloaded_docker_image");
    JsonNode images = attrs.get("preloaded_docker_image");
    if (images != null) {
      ArrayNode arr = TfJson.array();
      if (images.isArray()) {
        images.forEach(i -> arr.add(i.deepCopy()));
      } else {
        arr.add(images.deepCopy());
      }
      body.set("preloaded_docker_images", arr);
    }
    return body;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String id = Rest.post(ctx.client(), BASE + "/create", toApi(attrs)).get("instance_pool_id").asText();
    RunListings.of(ctx).changed(LISTING);
    ListedById.of(ctx).writing(BY_ID, id);
    return id;
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ListedById.of(ctx).writing(BY_ID, id);
    ObjectNode body = TfJson.object();
    body.put("instance_pool_id", id);
    Attrs.copy(attrs, body, EDITABLE);
    Rest.post(ctx.client(), BASE + "/edit", body);
    RunListings.of(ctx).changed(LISTING);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    ListedById.of(ctx).writing(BY_ID, id);
    Rest.postTolerantOfGone(ctx.client(), BASE + "/delete", TfJson.object().put("instance_pool_id", id));
    RunListings.of(ctx).changed(LISTING);
  }

  /** Pool names are unique in a workspace. */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "instance_pool_name");
    for (JsonNode p : RunListings.of(ctx).get(LISTING, () -> listAll(ctx.client()))) {
      if (name != null && name.equals(Attrs.text(p, "instance_pool_name"))) {
        return Optional.of(Attrs.text(p, "instance_pool_id"));
      }
    }
    return Optional.empty();
  }
}
