package io.dbsync.emulator.scim;

import java.util.Set;

/** The three workspace SCIM resource types and what differs between them. */
enum ScimKind {
  USERS("Users", "urn:ietf:params:scim:schemas:core:2.0:User",
      Set.of("userName", "displayName", "active", "externalId", "name", "emails", "entitlements", "roles", "groups")),
  GROUPS("Groups", "urn:ietf:params:scim:schemas:core:2.0:Group",
      Set.of("displayName", "externalId", "members", "entitlements", "roles", "groups")),
  SERVICE_PRINCIPALS("ServicePrincipals", "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal",
      Set.of("applicationId", "displayName", "active", "externalId", "entitlements", "roles", "groups"));

  final String endpoint;
  final String schema;
  /** Writable attributes (PUT/PATCH); anything else is SCIM 400 invalidPath. */
  final Set<String> attributes;

  ScimKind(String endpoint, String schema, Set<String> attributes) {
    this.endpoint = endpoint;
    this.schema = schema;
    this.attributes = attributes;
  }

  /** Canonical spelling of a writable attribute (names are case-insensitive), or null. */
  String attribute(String name) {
    for (String a : attributes) {
      if (a.equalsIgnoreCase(name)) {
        return a;
      }
    }
    return null;
  }

  String singular() {
    return switch (this) {
      case USERS -> "User";
      case GROUPS -> "Group";
      case SERVICE_PRINCIPALS -> "Service principal";
    };
  }
}
