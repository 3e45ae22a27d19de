package io.dbsync.kind.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * databricks_service_principal: application_id, display_name, active, external_id, entitlement
 * booleans. Resource name: the application id made safe (unique, unlike display names). Import
 * adopts a target service principal with the same application id. Roles of service principals have
 * no resource among the kinds and are reported, not exported.
 */
public final class ServicePrincipalKind extends ScimPrincipalKind {
  public static final String TYPE = "databricks_service_principal";

  public ServicePrincipalKind() {
    super(TYPE, "service_principal", Scim.Collection.SERVICE_PRINCIPALS,
        "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal",
        List.of(
            ScalarField.fixed("application_id", "applicationId"),
            ScalarField.optional("display_name", "displayName"),
            ScalarField.withDefault("active", "active", BooleanNode.TRUE),
            ScalarField.clearable("external_id", "externalId")),
        "application_id", "applicationId");
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("application_id");
  }

  static String resourceName(JsonNode sp) {
    return Names.safe(Scim.text(sp, "applicationId"));
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) {
    List<SourceObject> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : new IdentitySelection(ctx).servicePrincipals().entrySet()) {
      out.add(new SourceObject(e.getKey(), resourceName(e.getValue()), e.getValue()));
    }
    return out;
  }

  /** The service principal; its roles have no resource among the kinds and are reported. */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    if (!Scim.values(raw, "roles").isEmpty()) {
      ctx.warn("service principal " + Scim.text(raw, "applicationId") + ": roles " + Scim.values(raw, "roles")
          + " are not exported (no service principal role resource)");
    }
    return toConfig(raw, ctx.rendering());
  }
}
