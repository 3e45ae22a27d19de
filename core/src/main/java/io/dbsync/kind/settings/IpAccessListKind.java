package io.dbsync.kind.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApiFields;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * databricks_ip_access_list: a labelled ALLOW or BLOCK list of IPv4 addresses and CIDR ranges. The
 * lists only take effect where the workspace setting enableIpAccessLists is true (databricks_workspace_conf);
 * a list can exist before that. The workspace itself refuses a change that would block the caller's
 * own address, so an import cannot lock its own client out.
 *
 * <p>The label is the natural key: an untracked target list with the same label and type is adopted
 * (labels need not be unique, so a list the state already tracks is never adopted twice).
 */
public final class IpAccessListKind implements Kind {
  public static final String TYPE = "databricks_ip_access_list";
  static final String BASE = "/api/2.0/ip-access-lists";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "ip_access_list", "ip_access_list", "IP access lists");

  @Override
  public KindInfo info() {
    return INFO;
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode l : listAll(ctx)) {
      String label = l.path("label").asText();
      if (ctx.settings().selection().selects(label, l)) {
        out.add(new SourceObject(l.path("list_id").asText(), Names.safe(label), l));
      }
    }
    return out;
  }

  private static List<JsonNode> listAll(KindContext ctx) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    Rest.get(ctx.client(), BASE).path("ip_access_lists").forEach(out::add);
    return out;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    JsonNode r = Rest.getOrNull(ctx.client(), BASE + "/" + id);
    return r == null ? null : r.get("ip_access_list");
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode attrs = TfJson.object();
    ApiFields.copy(raw, attrs, "label", "list_type");
    // a list in the provider's schema, kept in the workspace's order (sorting would make a configuration
    // written in another order differ forever)
    ApiFields.copy(raw, attrs, "ip_addresses");
    attrs.put("enabled", raw.path("enabled").asBoolean(true));
    return attrs;
  }

  /** Create takes no "enabled" (new lists are enabled): a disabled list is switched off right after. */
  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = TfJson.object();
    ApiFields.copy(attrs, body, "label", "list_type", "ip_addresses");
    String id = Rest.post(ctx.client(), BASE, body).path("ip_access_list").path("list_id").asText();
    if (!attrs.path("enabled").asBoolean(true)) {
      Rest.patch(ctx.client(), BASE + "/" + id, TfJson.object().put("enabled", false));
    }
    return id;
  }

  /** Replace (PUT): label, type, addresses and enabled, as the provider sends them. */
  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    ObjectNode body = TfJson.object();
    ApiFields.copy(attrs, body, "label", "list_type", "ip_addresses");
    body.put("enabled", attrs.path("enabled").asBoolean(true));
    Rest.put(ctx.client(), BASE + "/" + id, body);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String label = ApiFields.text(attrs, "label");
    String type = ApiFields.text(attrs, "list_type");
    for (JsonNode l : listAll(ctx)) {
      String id = l.path("list_id").asText();
      if (l.path("label").asText().equals(label) && l.path("list_type").asText().equals(type)
          && !ctx.isTracked(TYPE, id)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }
}
