package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.client.WorkspaceClouds;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunListings;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** databricks_instance_profile (AWS). The ARN is both the natural key and the Terraform id. */
public final class InstanceProfileKind implements Kind {
  /** The run's listing of the target's instance profiles ({@link RunListings}): the API reads them only as a list. */
  private static final String LISTING = "InstanceProfileKind";
  static final String BASE = "/api/2.0/instance-profiles";

  private static final KindInfo INFO = KindInfo.exported("databricks_instance_profile", "instance_profile", "instance_profile",
      "AWS instance profiles");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** instance-profiles/edit cannot change the ARN: a new ARN is a new profile. */
  @Override
  public Set<String> forceNew() {
    return Set.of("instance_profile_arn");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    if (WorkspaceClouds.detect(ctx.client()).filter(c -> c != Cloud.AWS).isPresent()) {
      return out; // Azure and GCP have none and refuse the listing (the provider's exporter lists them on AWS only)
    }
    for (JsonNode p : listAll(ctx.client())) {
      String arn = Attrs.text(p, "instance_profile_arn");
      String shortName = profileName(arn);
      if (sel.selects(shortName, p)) {
        out.add(new SourceObject(arn, Names.safe(shortName), p));
      }
    }
    return out;
  }

  /** "arn:aws:iam::123:instance-profile/path/name" -> "name". */
  static String profileName(String arn) {
    int slash = arn.lastIndexOf('/');
    return slash >= 0 ? arn.substring(slash + 1) : arn;
  }

  static List<JsonNode> listAll(WorkspaceClient client) throws IOException {
    JsonNode profiles = Rest.get(client, BASE + "/list", Map.of()).get("instance_profiles");
    List<JsonNode> out = new ArrayList<>();
    if (profiles != null) {
      profiles.forEach(out::add);
    }
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String arn) throws IOException {
    for (JsonNode p : RunListings.of(ctx).get(LISTING, () -> listAll(ctx.client()))) {
      if (arn.equals(Attrs.text(p, "instance_profile_arn"))) {
        return p;
      }
    }
    return null;
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, "instance_profile_arn", "iam_role_arn", "is_meta_instance_profile");
    return TfJson.prune(out);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    Rest.post(ctx.client(), BASE + "/add", attrs);
    RunListings.of(ctx).changed(LISTING);
    return attrs.get("instance_profile_arn").asText();
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ObjectNode body = TfJson.object();
    Attrs.copy(attrs, body, "iam_role_arn", "is_meta_instance_profile");
    body.put("instance_profile_arn", id);
    Rest.post(ctx.client(), BASE + "/edit", body);
    RunListings.of(ctx).changed(LISTING);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.postTolerantOfGone(ctx.client(), BASE + "/remove", TfJson.object().put("instance_profile_arn", id));
    RunListings.of(ctx).changed(LISTING);
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String arn = Attrs.text(attrs, "instance_profile_arn");
    return arn != null && read(ctx, arn) != null ? Optional.of(arn) : Optional.empty();
  }
}
