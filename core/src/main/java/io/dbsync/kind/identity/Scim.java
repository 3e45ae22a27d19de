package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Caller;
import io.dbsync.client.ScimPages;
import io.dbsync.client.Rest;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SCIM calls through the SDK, answered as API-shaped JSON (the SDK models carry the SCIM property
 * names: userName, $ref, ...), so that the kinds map one JSON shape and never SDK types.
 */
final class Scim {
  /** The SDK's own mapper: it knows the @JsonProperty names of the SDK models. */
  static final ObjectMapper SDK = SerDeUtils.createMapper();

  static final String BASE = "/api/2.0/preview/scim/v2/";

  /**
   * What a group listing asks for: every attribute the export and the group kinds map (names, external
   * id, entitlements, instance-profile roles, members), the groups it belongs to and meta (selection by
   * raw fields), as the provider's exporter reads a group.
   */
  static final List<String> GROUP_ATTRIBUTES = List.of("id", "displayName", "externalId", "entitlements", "roles",
      "members", "groups", "meta");

  /** The three SCIM resource collections a workspace has. */
  enum Collection {
    USERS, GROUPS, SERVICE_PRINCIPALS
  }

  private Scim() {}

  // ---------------------------------------------------------------- reading

  static List<ObjectNode> users(WorkspaceClient c) {
    List<ObjectNode> out = new ArrayList<>();
    ScimPages.users(c, new ListUsersRequest()).forEach(u -> out.add(json(u)));
    return out;
  }

  /**
   * Every group with the attributes {@link #GROUP_ATTRIBUTES} names, requested explicitly (a server may
   * leave attributes it does not return by default out of a listing), through the SDK's paging.
   */
  static List<ObjectNode> groups(WorkspaceClient c) {
    List<ObjectNode> out = new ArrayList<>();
    ScimPages.groups(c, new ListGroupsRequest().setAttributes(String.join(",", GROUP_ATTRIBUTES)))
        .forEach(g -> out.add(json(g)));
    return out;
  }

  static List<ObjectNode> servicePrincipals(WorkspaceClient c) {
    List<ObjectNode> out = new ArrayList<>();
    ScimPages.servicePrincipals(c, new ListServicePrincipalsRequest()).forEach(s -> out.add(json(s)));
    return out;
  }

  /** The caller (the token's user). */
  static ObjectNode me(WorkspaceClient c) {
    return json(Caller.me(c));
  }

  /** One object by SCIM id, or null when it does not exist. */
  static ObjectNode get(WorkspaceClient c, Collection coll, String id) {
    return orNull(() -> switch (coll) {
      case USERS -> json(c.users().get(id));
      case GROUPS -> json(c.groups().get(id));
      case SERVICE_PRINCIPALS -> json(c.servicePrincipals().get(id));
    });
  }

  /**
   * Only some attributes of one object ({@code attributes=members}, as the provider reads group
   * members: a large group is not fetched whole for each membership), or null when it does not exist.
   */
  static ObjectNode getAttributes(WorkspaceClient c, Collection coll, String id, String attributes) {
    Request req = new Request(Request.GET, BASE + endpoint(coll) + "/" + id)
        .withQueryParam("attributes", attributes).withHeader("Accept", "application/json");
    return orNull(() -> {
      try {
        // The SDK instantiates the response type: the collection's model class.
        Class<?> model = switch (coll) {
          case USERS -> User.class;
          case GROUPS -> Group.class;
          case SERVICE_PRINCIPALS -> ServicePrincipal.class;
        };
        Object body = c.apiClient().execute(req, model);
        return body == null ? TfJson.object() : json(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static String endpoint(Collection coll) {
    return switch (coll) {
      case USERS -> "Users";
      case GROUPS -> "Groups";
      case SERVICE_PRINCIPALS -> "ServicePrincipals";
    };
  }

  /**
   * The id of the object whose {@code attribute} equals {@code value} (case-insensitive, as SCIM
   * compares user names). The filter narrows the listing; the match is checked here as well so a
   * server that ignores the filter still yields the right answer.
   */
  static Optional<String> findId(WorkspaceClient c, Collection coll, String attribute, String value) {
    String filter = attribute + " eq \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    Iterable<?> found = switch (coll) {
      case USERS -> ScimPages.users(c, new ListUsersRequest().setFilter(filter));
      case GROUPS -> ScimPages.groups(c, new ListGroupsRequest().setFilter(filter));
      case SERVICE_PRINCIPALS -> ScimPages.servicePrincipals(c, new ListServicePrincipalsRequest().setFilter(filter));
    };
    for (Object o : found) {
      ObjectNode n = json(o);
      if (value.toLowerCase(Locale.ROOT).equals(text(n, attribute).toLowerCase(Locale.ROOT))) {
        return Optional.of(text(n, "id"));
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- writing

  /** Creates from an API-shaped body; returns the new SCIM id. */
  static String create(WorkspaceClient c, Collection coll, ObjectNode body) {
    try {
      return switch (coll) {
        case USERS -> c.users().create(SDK.treeToValue(body, User.class)).getId();
        case GROUPS -> c.groups().create(SDK.treeToValue(body, Group.class)).getId();
        case SERVICE_PRINCIPALS -> c.servicePrincipals().create(SDK.treeToValue(body, ServicePrincipal.class)).getId();
      };
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot build a SCIM body from " + body, e);
    }
  }

  /** Sends a PatchOp request; nothing is sent for an empty list. */
  static void patch(WorkspaceClient c, Collection coll, String id, List<Patch> ops) {
    if (ops.isEmpty()) {
      return;
    }
    PartialUpdate req = new PartialUpdate().setId(id).setOperations(ops)
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP));
    switch (coll) {
      case USERS -> c.users().patch(req);
      case GROUPS -> c.groups().patch(req);
      case SERVICE_PRINCIPALS -> c.servicePrincipals().patch(req);
    }
  }

  /** Deletes; an object that is already gone is fine. */
  static void delete(WorkspaceClient c, Collection coll, String id) {
    try {
      switch (coll) {
        case USERS -> c.users().delete(id);
        case GROUPS -> c.groups().delete(id);
        case SERVICE_PRINCIPALS -> c.servicePrincipals().delete(id);
      }
    } catch (DatabricksError e) {
      if (!Rest.isNotFound(e)) {
        throw e;
      }
    }
  }

  static Patch add(String path, List<String> values) {
    List<ComplexValue> v = values.stream().map(x -> new ComplexValue().setValue(x)).toList();
    return new Patch().setOp(PatchOp.ADD).setPath(path).setValue(v);
  }

  /** Removes the entry of a multi-valued attribute whose value is {@code value}. */
  static Patch removeValue(String attribute, String value) {
    return new Patch().setOp(PatchOp.REMOVE).setPath(attribute + "[value eq \"" + value.replace("\"", "\\\"") + "\"]");
  }

  static Patch remove(String path) {
    return new Patch().setOp(PatchOp.REMOVE).setPath(path);
  }

  static Patch replace(String path, JsonNode value) {
    Object v = value.isBoolean() ? value.booleanValue() : value.isTextual() ? value.textValue() : value;
    return new Patch().setOp(PatchOp.REPLACE).setPath(path).setValue(v);
  }

  // ---------------------------------------------------------------- JSON helpers

  static ObjectNode json(Object sdkModel) {
    return TfJson.prune((ObjectNode) SDK.valueToTree(sdkModel));
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** The "value" of every entry of a multi-valued attribute (members, roles, entitlements). */
  static List<String> values(JsonNode n, String attribute) {
    List<String> out = new ArrayList<>();
    JsonNode arr = n == null ? null : n.get(attribute);
    if (arr != null && arr.isArray()) {
      for (JsonNode e : arr) {
        String v = text(e, "value");
        if (!v.isEmpty()) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static <T> T orNull(Supplier<T> call) {
    try {
      return call.get();
    } catch (DatabricksError e) {
      if (Rest.isNotFound(e)) {
        return null;
      }
      throw e;
    }
  }
}
